'use client';

import Link from '@/components/ui/Link';
import { LiveKindList } from '../ui/LiveKindList';
import { StatusBadge } from '../ui/StatusBadge';
import { Name } from '@/components/ui/Name';

export function ServiceList() {
  return (
    <LiveKindList kind="Service" plural="Services">
      {(svcs) => (
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
                  <Link href={`/services/${encodeURIComponent(n.namespace ?? '')}/${encodeURIComponent(n.name)}`}>
                    <Name value={n.name} max={32} />
                  </Link> {n.info.headless ? <span className="tag">headless</span> : null}
                </td>
                <td>
                  <StatusBadge status={n.status} />
                </td>
                <td>
                  {n.info.ready}/{n.info.endpoints} ready
                </td>
                <td>{n.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LiveKindList>
  );
}
