'use client';

import Link from '@/components/ui/Link';
import { LiveKindList } from '../ui/LiveKindList';
import { StatusBadge } from '../ui/StatusBadge';
import { Name } from '@/components/ui/Name';
import { portText } from '@/lib/wire/topology';

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
              <th scope="col">Ports</th>
              <th scope="col">Endpoints</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {svcs.map((n) => (
              <tr key={n.id} data-node-id={n.id} data-status={n.status}>
                <td>
                  <Name value={n.namespace ?? ''} max={24} />
                </td>
                <td>
                  <Link href={`/services/${encodeURIComponent(n.namespace ?? '')}/${encodeURIComponent(n.name)}`}>
                    <Name value={n.name} max={32} />
                  </Link> {n.info.headless ? <span className="tag">headless</span> : null}
                </td>
                <td>
                  <StatusBadge status={n.status} />
                </td>
                <td className="mono ports">{n.info.ports.length ? n.info.ports.map(portText).join(', ') : '—'}</td>
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
