'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useUrlNavigate } from './urlState';
import { appUrl } from './appUrl';

/** Namespace scope in the URL (`?namespace=`): deep links and the back button work. */
export function NamespaceSelect({ allowAll = true }: { allowAll?: boolean }) {
  const navigate = useUrlNavigate();
  const params = useSearchParams();
  const current = params.get('namespace') ?? '';
  const { data } = useQuery<{ namespaces: string[] }>({
    queryKey: ['namespaces'],
    queryFn: async () => (await fetch(appUrl('/api/v1/namespaces'))).json() as Promise<{ namespaces: string[] }>,
    staleTime: 10_000,
  });
  return (
    <label className="field">
      <span>Namespace</span>
      <select
        value={current}
        onChange={(e) => {
          const ns = e.target.value;
          navigate((next) => {
            if (ns) next.set('namespace', ns);
            else next.delete('namespace');
          });
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
