import { statefulSetHealth, type Health, type StatefulSetSummary } from '@/lib/wire/statefulset';

const SYMBOL: Record<Health, string> = { ok: '●', progressing: '◐', warning: '▲', error: '✖', unknown: '?' };
const LABEL: Record<Health, string> = { ok: 'Healthy', progressing: 'Progressing', warning: 'Warning', error: 'Failing', unknown: 'Unknown' };

/** StatefulSets as a table; every text from the cluster is rendered as text by React. */
export function StatefulSetTable({ items }: { items: StatefulSetSummary[] }) {
  if (items.length === 0) return <p className="muted">No StatefulSets in this cluster.</p>;
  return (
    <table>
      <caption className="muted" style={{ captionSide: 'bottom', textAlign: 'left', padding: '0.5rem 0' }}>
        {items.length} StatefulSet{items.length === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Namespace</th>
          <th scope="col">Name</th>
          <th scope="col">Ready</th>
          <th scope="col">Status</th>
          <th scope="col">Revision</th>
          <th scope="col">Pod management</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => {
          const health = statefulSetHealth(s);
          const id = `StatefulSet/${s.namespace}/${s.name}`;
          return (
            <tr key={id} data-node-id={id} data-status={health}>
              <td>{s.namespace}</td>
              <td>{s.name}</td>
              <td>{s.readyReplicas}/{s.replicas}</td>
              <td>
                <span className="status" data-status={health}>
                  <span aria-hidden="true">{SYMBOL[health]}</span>
                  {LABEL[health]}
                </span>
              </td>
              <td>{s.currentRevision === s.updateRevision ? s.updateRevision : `${s.currentRevision} → ${s.updateRevision}`}</td>
              <td>{s.podManagementPolicy}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
