import { middle } from '@/lib/text';

/** A cluster name in a table or a card: cut in the middle past `max` characters, the whole name on hover. */
export function Name({ value, max = 36 }: { value: string; max?: number }) {
  const shown = middle(value, max);
  return (
    <span className="mono name" title={shown === value ? undefined : value}>
      {shown}
    </span>
  );
}
