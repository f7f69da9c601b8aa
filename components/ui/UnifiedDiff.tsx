'use client';

import { useTranslations } from 'next-intl';
import { unifiedLines } from './diffRows';

/** Two texts as one column of changed lines (− before, + after) with a little context, long unchanged runs folded. */
export function UnifiedDiff({ before, after, label }: { before: string; after: string; label?: string }) {
  const t = useTranslations('diff');
  return (
    <pre className="yaml-diff" aria-label={label ?? t('unified')}>
      {unifiedLines(before, after).map((l, i) =>
        'skipped' in l ? (
          <span key={i} className="skipped">{`${t('skipped', { count: l.skipped })}\n`}</span>
        ) : (
          <span
            key={i}
            className={l.sign === '+' ? 'add' : l.sign === '-' ? 'del' : undefined}
          >{`${l.sign} ${l.text}\n`}</span>
        ),
      )}
    </pre>
  );
}
