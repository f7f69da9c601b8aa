'use client';

import Link from 'next/link';
import { byHealthThenId } from '@/lib/wire/health';
import { useSearchParams } from 'next/navigation';
import { useLiveTopology } from '../data/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorPanel, Loading } from '../ui/States';

export function ServiceList() {
  const ns = useSearchParams().get('namespace') ?? undefined;
  const { data, error, isPending } = useLiveTopology(ns);
  if (isPending) return <Loading what="Services" />;
  if (error || !data) return <ErrorPanel error={error} />;
  const svcs = data.nodes.filter((n) => n.kind === 'Service').sort(byHealthThenId);
  if (svcs.length === 0) return <Empty>No Services{ns ? ` in ${ns}` : ''}.</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Namespace</th>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Endpoints</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {svcs.map((n) => (
          <tr key={n.id} data-node-id={n.id} data-status={n.status}>
            <td>{n.namespace}</td>
            <td>
              <Link href={`/services/${encodeURIComponent(n.namespace ?? '')}/${encodeURIComponent(n.name)}`}>{n.name}</Link> {n.info?.headless ? <span className="tag">headless</span> : null}
            </td>
            <td>
              <StatusBadge status={n.status} />
            </td>
            <td>
              {String(n.info?.ready ?? 0)}/{String(n.info?.endpoints ?? 0)} ready
            </td>
            <td>{n.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
