'use client';

import Link from '@/components/ui/Link';
import { LiveKindList } from '../ui/LiveKindList';
import { StatusBadge } from '../ui/StatusBadge';
import { Name } from '@/components/ui/Name';

/** `/statefulsets`: every StatefulSet, live, worst first. */
export function StatefulSetList() {
  return (
    <LiveKindList kind="StatefulSet" plural="StatefulSets">
      {(sets) => (
        <table>
          <caption className="muted">{sets.length} StatefulSet{sets.length === 1 ? '' : 's'}</caption>
          <thead>
            <tr>
              <th scope="col">Namespace</th>
              <th scope="col">Name</th>
              <th scope="col">Ready</th>
              <th scope="col">Status</th>
              <th scope="col">Revision</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((n) => {
              const cur = n.info.currentRevision;
              const upd = n.info.updateRevision;
              return (
                <tr key={n.id} data-node-id={n.id} data-status={n.status}>
                  <td>
                    <Name value={n.namespace ?? ''} max={24} />
                  </td>
                  <td>
                    <Link href={`/statefulsets/${encodeURIComponent(n.namespace ?? '')}/${encodeURIComponent(n.name)}`}>
                      <Name value={n.name} max={32} />
                    </Link>
                  </td>
                  <td>
                    {n.info.ready}/{n.info.replicas}
                  </td>
                  <td>
                    <StatusBadge status={n.status} />
                  </td>
                  <td className="mono">{cur === upd ? upd : `${cur} → ${upd}`}</td>
                  <td>{n.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </LiveKindList>
  );
}
