import { SETTINGS } from './table';

/** Where README's settings table starts and ends: what is between is made from the table, not edited. */
export const README_BEGIN =
  '<!-- settings: made from server/settings/table.ts by `npm run settings:readme`; edit the table, not this -->';
export const README_END = '<!-- /settings -->';

const cell = (markdown: string) => markdown.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** README's settings table: one line per row of the settings table, in its order. */
export function settingsMarkdown(): string {
  const lines = ['| variable | default | meaning |', '|---|---|---|'];
  for (const r of Object.values(SETTINGS)) lines.push(`| \`${r.env}\` | ${cell(r.default ?? '—')} | ${cell(r.doc)} |`);
  return lines.join('\n');
}

/** `readme` with the text between its markers made anew; a README without both markers is an error. */
export function withSettingsTable(readme: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END, begin);
  if (begin < 0 || end < 0) throw new Error(`README has no settings markers (${README_BEGIN} … ${README_END})`);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${settingsMarkdown()}\n${readme.slice(end)}`;
}
