import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { README_BEGIN, settingsMarkdown, withSettingsTable } from './readme';
import { SETTINGS } from './table';

const README = join(import.meta.dirname, '..', '..', 'README.md');

test("README's settings table is the settings table's (else: npm run settings:readme)", () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(withSettingsTable(readme), readme, 'README differs from server/settings/table.ts');
  for (const r of Object.values(SETTINGS)) assert.ok(readme.includes(`| \`${r.env}\` |`), r.env);
});

test('a README edited by hand, or without its markers, is told apart', () => {
  const readme = readFileSync(README, 'utf8');
  const edited = readme.replace('| `ORDINAL_AUTH` | `none` |', '| `ORDINAL_AUTH` | `proxy` |');
  assert.notEqual(edited, readme);
  assert.notEqual(withSettingsTable(edited), edited);
  assert.throws(() => withSettingsTable(readme.replace(README_BEGIN, '')), /no settings markers/);
  assert.equal(settingsMarkdown().split('\n').length, Object.keys(SETTINGS).length + 2);
});
