'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
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
  const t = useTranslations('overview');
  const tw = useTranslations('what');
  const th = useTranslations('health');
  const words = useWords();
  if (isPending) return <Loading what={tw('cluster')} />;
  if (error || !summary) return <ErrorPanel error={error} />;
  return (
    <div className="overview">
      <section aria-labelledby="problems-h" className="panel">
        <h2 id="problems-h">
          {t('problems')} {summary.problemCount > 0 && <span className="count">{summary.problemCount}</span>}
        </h2>
        {summary.problems.length === 0 ? (
          <Empty>{t('noProblems')}</Empty>
        ) : (
          <ol className="problems">
            {summary.problems.map((p) => (
              <li
                key={p.id}
                data-problem={p.id}
                data-node-id={p.cause}
                data-code={p.code}
                data-impact={p.impact}
                data-status={SEVERITY_HEALTH[p.severity]}
              >
                <StatusBadge
                  status={SEVERITY_HEALTH[p.severity]}
                  label={p.impact === 'information' ? th('information') : undefined}
                  compact
                />
                <Link href={linkForId(p.cause)} className="problem-link">
                  {words.problemTitle(p)}
                </Link>
                {p.affected.length > 0 && (
                  <ul className="affected" aria-label={t('affected')}>
                    {p.affected.map((id) => (
                      <AffectedItem key={id} id={id} />
                    ))}
                  </ul>
                )}
                {typeof p.params.deleteCommand === 'string' && (
                  // Kept on purpose; what would remove them, for when the data is no longer needed (Ordinal never runs it).
                  <p className="reason">
                    {t.rich('deleteWhen', {
                      command: p.params.deleteCommand,
                      code: (chunks) => <code data-delete-command>{chunks}</code>,
                    })}
                  </p>
                )}
                <span className="problem-tools">
                  <Link href={graphLink(p)}>{t('inGraph')}</Link>
                  <CopyCommands commands={kubectlForProblem(p)} folded />
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="ns-h" className="panel">
        <h2 id="ns-h">{t('namespaces')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colNamespace')}</th>
              <th scope="col">{t('colHealth')}</th>
              <th scope="col">{t('colStatefulSets')}</th>
              <th scope="col">{t('colClaims')}</th>
              <th scope="col">{t('colDrifted')}</th>
              <th scope="col">{t('colServices')}</th>
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
                    {t('healthy', {
                      healthy: s.statefulSets.total - s.statefulSets.unhealthy,
                      total: s.statefulSets.total,
                    })}
                  </Link>
                </td>
                <td>
                  <Link href={`/storage?namespace=${encodeURIComponent(s.namespace)}`}>
                    <ClaimCounts claims={s.claims} />
                  </Link>
                </td>
                <td>
                  <Link href={`/drift?namespace=${encodeURIComponent(s.namespace)}`}>
                    {s.driftedPods ? t('drifted', { count: s.driftedPods }) : t('noDrift')}
                  </Link>
                </td>
                <td>
                  {s.services.withoutEndpoints
                    ? t('servicesDown', { without: s.services.withoutEndpoints, total: s.services.total })
                    : t('servicesUp', { total: s.services.total })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.releasedVolumes > 0 && (
          <p className="muted">
            {t.rich('released', {
              count: summary.releasedVolumes,
              link: (chunks) => <Link href="/storage">{chunks}</Link>,
            })}
          </p>
        )}
      </section>
    </div>
  );
}

/** A namespace's claims: how many, and those Pending, Lost or kept after a scale-down. */
function ClaimCounts({ claims: c }: { claims: { total: number; pending: number; lost: number; orphaned: number } }) {
  const t = useTranslations('overview');
  const words = useWords();
  const parts = [
    c.pending ? t('claimsPending', { count: c.pending }) : '',
    c.lost ? t('claimsLost', { count: c.lost }) : '',
    c.orphaned ? t('claimsKept', { count: c.orphaned }) : '',
  ].filter(Boolean);
  return <>{t('claims', { total: c.total, details: parts.length ? words.join(parts) : t('allBound') })}</>;
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
