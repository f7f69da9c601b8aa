'use client';

import Link from '@/components/ui/Link';
import { useLiveSummary } from '../data/hooks';
import { NODE_KINDS, parseNodeId } from '@/lib/wire/kinds';
import { SEVERITY_HEALTH } from '@/lib/wire/findings';
import { linkForId } from '../links';
import { StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { Name } from '@/components/ui/Name';
import { CopyCommands } from '../ui/CopyCommands';
import { kubectlForProblem } from '@/lib/kubectl';
import type { Problem } from '@/lib/wire/problems';

/** The topology showing this one problem: its cause selected, what it affects lit. */
function graphLink(p: Problem): string {
  const spans = new Set([p.cause, ...p.affected].map((id) => parseNodeId(id)?.namespace).filter(Boolean));
  // One namespace: drawn alone; across several: the whole cluster.
  const ns = spans.size === 1 ? [...spans][0] : undefined;
  const q = new URLSearchParams({ ...(ns ? { namespace: ns } : {}), problem: p.id, select: p.cause });
  return `/topology?${q}`;
}

/**
 * `/`: every namespace with counts and health, and the worst problems first, each a link. The
 * server computes the summary (a few KB however large the cluster) and pushes it after changes.
 */
export function Overview() {
  const { data: summary, error, isPending } = useLiveSummary();
  if (isPending) return <Loading what="the cluster" />;
  if (error || !summary) return <ErrorPanel error={error} />;
  return (
    <div className="overview">
      <section aria-labelledby="problems-h" className="panel">
        <h2 id="problems-h">Problems {summary.problemCount > 0 && <span className="count">{summary.problemCount}</span>}</h2>
        {summary.problems.length === 0 ? (
          <Empty>Nothing is failing or stuck.</Empty>
        ) : (
          <ol className="problems">
            {summary.problems.map((p) => (
              <li key={p.id} data-problem={p.id} data-node-id={p.cause} data-code={p.code} data-impact={p.impact} data-status={SEVERITY_HEALTH[p.severity]}>
                <StatusBadge status={SEVERITY_HEALTH[p.severity]} label={p.impact === 'information' ? 'Information' : undefined} compact />
                <Link href={linkForId(p.cause)} className="problem-link">
                  {p.title}
                </Link>
                {p.affected.length > 0 && (
                  <ul className="affected" aria-label="Affected">
                    {p.affected.map((id) => (
                      <AffectedItem key={id} id={id} />
                    ))}
                  </ul>
                )}
                {typeof p.params.deleteCommand === 'string' && (
                  // Kept on purpose; what would remove them, for when the data is no longer needed (Ordinal never runs it).
                  <p className="reason">
                    When the data is no longer needed: <code data-delete-command>{p.params.deleteCommand}</code>
                  </p>
                )}
                <span className="problem-tools">
                  <Link href={graphLink(p)}>in the graph</Link>
                  <CopyCommands commands={kubectlForProblem(p)} folded />
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="ns-h" className="panel">
        <h2 id="ns-h">Namespaces</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Namespace</th>
              <th scope="col">Health</th>
              <th scope="col">StatefulSets</th>
              <th scope="col">Claims</th>
              <th scope="col">Drifted pods</th>
              <th scope="col">Services</th>
            </tr>
          </thead>
          <tbody>
            {summary.namespaces.map((s) => (
              <tr key={s.namespace} data-namespace={s.namespace}>
                <th scope="row">
                  <Link href={`/topology?namespace=${encodeURIComponent(s.namespace)}`}>
                    <Name value={s.namespace} max={28} />
                  </Link>
                </th>
                <td>
                  <StatusBadge status={s.health} />
                </td>
                <td>
                  <Link href={`/statefulsets?namespace=${encodeURIComponent(s.namespace)}`}>
                    {s.statefulSets.total - s.statefulSets.unhealthy}/{s.statefulSets.total} healthy
                  </Link>
                </td>
                <td>
                  <Link href={`/storage?namespace=${encodeURIComponent(s.namespace)}`}>
                    {s.claims.total}: {[s.claims.pending && `${s.claims.pending} Pending`, s.claims.lost && `${s.claims.lost} Lost`, s.claims.orphaned && `${s.claims.orphaned} kept after scale-down`].filter(Boolean).join(', ') || 'all bound'}
                  </Link>
                </td>
                <td>
                  <Link href={`/drift?namespace=${encodeURIComponent(s.namespace)}`}>{s.driftedPods ? `${s.driftedPods} stale` : 'none'}</Link>
                </td>
                <td>{s.services.withoutEndpoints ? `${s.services.withoutEndpoints} of ${s.services.total} without ready endpoints` : `${s.services.total} serving`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.releasedVolumes > 0 && (
          <p className="muted">
            <Link href="/storage">{summary.releasedVolumes} Released volume(s)</Link> hold data no claim can use.
          </p>
        )}
      </section>
    </div>
  );
}

/** One object a problem breaks: its kind's abbreviation and its name, a link to its best view. */
function AffectedItem({ id }: { id: string }) {
  const ref = parseNodeId(id);
  if (!ref) return null;
  return (
    <li data-node-id={id}>
      <Link href={linkForId(id)}>
        <span className="kind" title={ref.kind}>
          {NODE_KINDS[ref.kind].abbr}
        </span>{' '}
        <Name value={ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name} max={48} />
      </Link>
    </li>
  );
}
