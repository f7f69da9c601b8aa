/**
 * Log text as it is shown: split into complete lines (a chunk's unfinished tail waits for the
 * next), control characters made visible (an ANSI escape `\u001b[31m` shows as `␛[31m`, never
 * colours or moves anything), and a very long line cut with how much was left out.
 */

export const LINE_CHARS = 4_000;

export function logLines(text: string): { complete: string[]; rest: string } {
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  return { complete: parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)), rest };
}

/** The line with control characters as their visible symbols (U+2400…), tabs kept, cut at LINE_CHARS. */
export function visibleText(line: string): string {
  const cut =
    line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)} … (${line.length - LINE_CHARS} more characters)` : line;
  return cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) =>
    c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );
}
