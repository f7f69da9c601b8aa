'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/** Namespace scope in the URL (`?namespace=`): deep links and the back button work. */
export function NamespaceSelect({ allowAll = true }: { allowAll?: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const current = params.get('namespace') ?? '';
  const { data } = useQuery<{ namespaces: string[] }>({
    queryKey: ['namespaces'],
    queryFn: async () => (await fetch('/api/v1/namespaces')).json() as Promise<{ namespaces: string[] }>,
    staleTime: 10_000,
  });
  return (
    <label className="field">
      <span>Namespace</span>
      <select
        value={current}
        onChange={(e) => {
          const next = new URLSearchParams(params.toString());
          if (e.target.value) next.set('namespace', e.target.value);
          else next.delete('namespace');
          router.push(`${pathname}${next.size ? `?${next}` : ''}`);
        }}
      >
        {allowAll && <option value="">All namespaces</option>}
        {(data?.namespaces ?? (current ? [current] : [])).map((ns) => (
          <option key={ns} value={ns}>
            {ns}
          </option>
        ))}
      </select>
    </label>
  );
}
