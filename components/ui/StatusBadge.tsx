'use client';

import { useTranslations } from 'next-intl';
import type { Health } from '@/lib/wire/topology';

/** Status as shape + word + color, never color alone. */
export const STATUS_SYMBOL: Record<Health, string> = {
  ok: '●',
  progressing: '◐',
  warning: '▲',
  error: '✖',
  unknown: '?',
};

export function StatusBadge({ status, label, compact = false }: { status: Health; label?: string; compact?: boolean }) {
  const t = useTranslations('health');
  const word = t(status);
  return (
    <span className="status" data-status={status} title={word}>
      <span aria-hidden="true">{STATUS_SYMBOL[status]}</span>
      {compact ? <span className="sr-only">{label ?? word}</span> : (label ?? word)}
    </span>
  );
}

export function Legend() {
  const t = useTranslations('health');
  return (
    <ul className="legend" aria-label={t('legend')}>
      {(Object.keys(STATUS_SYMBOL) as Health[])
        .filter((s) => s !== 'unknown')
        .map((s) => (
          <li key={s}>
            <StatusBadge status={s} />
          </li>
        ))}
    </ul>
  );
}
