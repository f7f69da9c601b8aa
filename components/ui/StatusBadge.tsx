import type { Health } from '@/lib/wire/topology';

/** Status as shape + word + color, never color alone. */
export const STATUS_SYMBOL: Record<Health, string> = { ok: '●', progressing: '◐', warning: '▲', error: '✖', unknown: '?' };
export const STATUS_LABEL: Record<Health, string> = { ok: 'Healthy', progressing: 'Progressing', warning: 'Warning', error: 'Failing', unknown: 'Unknown' };

export function StatusBadge({ status, label, compact = false }: { status: Health; label?: string; compact?: boolean }) {
  return (
    <span className="status" data-status={status} title={STATUS_LABEL[status]}>
      <span aria-hidden="true">{STATUS_SYMBOL[status]}</span>
      {compact ? <span className="sr-only">{label ?? STATUS_LABEL[status]}</span> : (label ?? STATUS_LABEL[status])}
    </span>
  );
}

export function Legend() {
  return (
    <ul className="legend" aria-label="Status legend">
      {(Object.keys(STATUS_SYMBOL) as Health[]).filter((s) => s !== 'unknown').map((s) => (
        <li key={s}>
          <StatusBadge status={s} />
        </li>
      ))}
    </ul>
  );
}
