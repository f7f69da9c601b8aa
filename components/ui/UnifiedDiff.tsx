import { unifiedLines } from './diffRows';

export const skippedText = (n: number) => `… ${n} unchanged line${n > 1 ? 's' : ''}`;

/** Two texts as one column of changed lines (− before, + after) with a little context, long unchanged runs folded. */
export function UnifiedDiff({ before, after, label = 'Changes, unified' }: { before: string; after: string; label?: string }) {
  return (
    <pre className="yaml-diff" aria-label={label}>
      {unifiedLines(before, after).map((l, i) =>
        'skipped' in l ? (
          <span key={i} className="skipped">{`${skippedText(l.skipped)}\n`}</span>
        ) : (
          <span key={i} className={l.sign === '+' ? 'add' : l.sign === '-' ? 'del' : undefined}>{`${l.sign} ${l.text}\n`}</span>
        ),
      )}
    </pre>
  );
}
