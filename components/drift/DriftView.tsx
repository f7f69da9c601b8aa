'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { useSearchParams } from 'next/navigation';
import { parseNodeId, type NodeKind } from '@/lib/wire/kinds';
import { useMemo } from 'react';
import type { Drift, DriftReport } from '@/lib/wire/topology';
import { useDrift, useLiveTopology } from '../data/hooks';
import { RelativeTime } from '../ui/RelativeTime';
import { Paged } from '../ui/ShowMore';
import { StatusBadge } from '../ui/StatusBadge';
import { useUrlNavigate } from '../ui/urlState';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { ConfigDiff } from './ConfigDiff';
import { linkForId } from '../links';
import { Name } from '@/components/ui/Name';
import { CopyCommands } from '../ui/CopyCommands';
import { kubectlForId } from '@/lib/kubectl';

/** Sources a page at a time, drifted first. */
function SourcesTable({
  sources,
  selected,
  onSelect,
}: {
  sources: DriftReport['sources'];
  selected: string | null;
  onSelect: (source: string) => void;
}) {
  const t = useTranslations('drift');
  const tl = useTranslations('list');
  return (
    <Paged items={sources} what={tl('sources')} keep={(s) => s.source === selected}>
      {(shown) => (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colSource')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colConsumers')}</th>
              <th scope="col">{t('colChanged')}</th>
              <th scope="col">{t('colApplied')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr
                key={s.source}
                data-node-id={s.source}
                data-status={s.drifted ? 'warning' : 'ok'}
                className={selected === s.source ? 'selected' : undefined}
              >
                <th scope="row">
                  <button type="button" className="link" onClick={() => onSelect(s.source)}>
                    <SourceName id={s.source} />
                  </button>
                </th>
                <td>
                  {s.drifted ? (
                    <StatusBadge status="warning" label={t('stalePods', { count: s.drifted })} />
                  ) : (
                    <StatusBadge status="ok" label={t('inSync')} />
                  )}
                </td>
                <td>{s.consumers}</td>
                <td>
                  {s.changed ? <RelativeTime iso={s.changed} /> : '—'}{' '}
                  {s.changedBy && (
                    <span className="muted">
                      {t('by')} <Name value={s.changedBy} max={26} />
                    </span>
                  )}
                </td>
                <td>
                  {s.lastAppliedDiff === null ? (
                    <span className="muted">{t('na')}</span>
                  ) : s.lastAppliedDiff.length ? (
                    <span className="tag warn">{t('differs', { keys: s.lastAppliedDiff.join(', ') })}</span>
                  ) : (
                    t('same')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Paged>
  );
}

/** A ConfigMap or Secret id as kind, then namespace/name. */
function SourceName({ id }: { id: string }) {
  const ref = parseNodeId(id);
  if (!ref) return <span className="mono">{id}</span>;
  return (
    <>
      <span className="kind">{ref.kind}</span> <Name value={`${ref.namespace ?? ''}/${ref.name}`} max={40} />
    </>
  );
}

const SOURCE_KINDS: NodeKind[] = ['ConfigMap', 'Secret'];

/** `/drift`: ConfigMaps and Secrets → consuming pods, stale ones highlighted, with mode, since when and the diff. */
export function DriftView() {
  const params = useSearchParams();
  const navigate = useUrlNavigate();
  const ns = params.get('namespace') ?? undefined;
  const selected = params.get('source');
  // Only to hear of changes (the report is refetched after them): the sources' nodes carry their stale-pod counts.
  useLiveTopology(ns, SOURCE_KINDS);
  const { data, error, isPending } = useDrift(ns);
  const t = useTranslations('drift');
  const tw = useTranslations('what');
  const bySource = useMemo(() => {
    const m = new Map<string, Drift[]>();
    for (const f of data?.findings ?? []) (m.get(f.source) ?? m.set(f.source, []).get(f.source))?.push(f);
    return m;
  }, [data]);
  if (isPending) return <Loading what={tw('drift')} />;
  if (error || !data) return <ErrorPanel error={error} />;
  const select = (source: string) => navigate((next) => next.set('source', source));
  const sources = [...data.sources].sort(
    (a, b) =>
      b.drifted - a.drifted ||
      (b.lastAppliedDiff?.length ?? 0) - (a.lastAppliedDiff?.length ?? 0) ||
      a.source.localeCompare(b.source),
  );
  return (
    <div className="drift">
      <section className="panel" aria-labelledby="sources-h">
        <h2 id="sources-h">{t('sources')}</h2>
        {sources.length === 0 ? (
          <Empty>{t('noSources', { namespace: ns ?? 'absent' })}</Empty>
        ) : (
          <SourcesTable sources={sources} selected={selected} onSelect={select} />
        )}
      </section>
      {selected && (
        <section className="panel" aria-labelledby="stale-h">
          <h2 id="stale-h">
            <span className="mono">{selected}</span> {t('toPods')}
          </h2>
          {(bySource.get(selected) ?? []).length === 0 ? (
            <Empty>{t('noStale')}</Empty>
          ) : (
            <StalePods findings={bySource.get(selected) ?? []} />
          )}
          <ConfigDiff
            source={selected}
            podStarted={(bySource.get(selected) ?? []).map((f) => f.podStarted).sort()[0]}
          />
          <CopyCommands commands={kubectlForId(selected)} folded />
        </section>
      )}
    </div>
  );
}

/** One row per pod, with every way it consumes the source; what each way means, said once above. */
function StalePods({ findings }: { findings: Drift[] }) {
  const byPod = new Map<string, Drift[]>();
  for (const f of findings) (byPod.get(f.pod) ?? byPod.set(f.pod, []).get(f.pod))?.push(f);
  const words = useWords();
  const t = useTranslations('drift');
  const meanings = [...new Map(findings.map((f) => [f.consumption, words.findingText(f.code, f.params)])).entries()];
  return (
    <>
      <ul className="meanings" aria-label={t('meanings')}>
        {meanings.map(([mode, reason]) => (
          <li key={mode}>
            <span className="tag">{mode}</span> {reason}
          </li>
        ))}
      </ul>
      <table className="findings">
        <thead>
          <tr>
            <th scope="col">{t('colPod')}</th>
            <th scope="col">{t('colConsumed')}</th>
            <th scope="col">{t('colStarted')}</th>
            <th scope="col">{t('colStaleSince')}</th>
            <th scope="col">{t('colSourceChanged')}</th>
            <th scope="col">{t('colKeys')}</th>
          </tr>
        </thead>
        <tbody>
          {[...byPod.entries()].map(([pod, fs]) => {
            const f = fs[0];
            const keys = [...new Set(fs.flatMap((x) => x.keys ?? []))].sort();
            const from = fs.find((x) => x.keysFrom)?.keysFrom;
            return (
              <tr key={pod} data-drift="stale" data-node-id={`Pod/${pod}`} data-status="warning">
                <td>
                  <Link href={linkForId(`Pod/${pod}`)}>
                    <Name value={pod} max={40} />
                  </Link>
                </td>
                <td>
                  {fs.map((x) => (
                    <span key={x.consumption} className="tag">
                      {x.consumption}
                    </span>
                  ))}
                </td>
                <td>
                  <RelativeTime iso={f.podStarted} />
                </td>
                <td data-stale-since={f.staleSince?.time}>
                  {f.staleSince ? (
                    <Link
                      href={`/history?object=${encodeURIComponent(f.source)}&revision=${f.staleSince.entry}`}
                      title={
                        f.staleSince.observed
                          ? words.dateTime(f.staleSince.time)
                          : t('unobserved', {
                              from: f.staleSince.window?.from ? words.dateTime(f.staleSince.window.from) : 'absent',
                              to: words.dateTime(f.staleSince.window?.to),
                            })
                      }
                    >
                      <RelativeTime iso={f.staleSince.time} />
                      {!f.staleSince.observed && t('about')}
                    </Link>
                  ) : (
                    <span className="muted">{t('notInHistory')}</span>
                  )}
                </td>
                <td>
                  <RelativeTime iso={f.sourceChanged} />
                </td>
                <td className="mono" data-keys={keys.join(',')}>
                  {keys.length ? keys.join(', ') : <span className="muted">{t('keysNotSeen')}</span>}
                  {keys.length > 0 && from === 'watched' && <span className="muted">{t('earlierNotSeen')}</span>}
                  {keys.length > 0 && from === 'lastApplied' && <span className="muted">{t('fromApplied')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
