'use client';

import { useTranslations } from 'next-intl';
import type { ConfigHistoryView, ConfigVersionView } from '@/lib/wire/topology';
import { useConfigHistory } from '../data/hooks';
import { ErrorPanel, Loading } from '../ui/States';
import { UnifiedDiff } from '../ui/UnifiedDiff';

/** One changed key: its values as text, or (Secrets, unseen versions, absent keys) a fingerprint or `(absent)`. */
interface Row {
  key: string;
  then: string;
  now: string;
  /** Both sides are values: shown as changed lines within the value. */
  text: boolean;
}

function versionAt(h: ConfigHistoryView, iso: string): ConfigVersionView | undefined {
  const t = Date.parse(iso);
  let found: ConfigVersionView | undefined;
  for (const v of h.versions) if (Date.parse(v.since) <= t) found = v;
  return found;
}

/** Keys whose fingerprint differs between two versions; shown as values (ConfigMaps) or fingerprints (Secrets). */
export function versionRows(
  before: ConfigVersionView,
  after: ConfigVersionView,
  secret: boolean,
  absent = '(absent)',
): Row[] {
  const keys = [...new Set([...Object.keys(before.hashes), ...Object.keys(after.hashes)])].sort();
  const value = (v: ConfigVersionView, k: string) => (secret || !(k in v.hashes) ? undefined : v.data?.[k]);
  const show = (v: ConfigVersionView, k: string) =>
    value(v, k) ?? (k in v.hashes ? `fingerprint:${v.hashes[k]}` : absent);
  return keys
    .filter((k) => before.hashes[k] !== after.hashes[k])
    .map((key) => ({
      key,
      then: show(before, key),
      now: show(after, key),
      text: value(before, key) !== undefined && value(after, key) !== undefined,
    }));
}

export function valueRows(before: Record<string, string>, after: Record<string, string>, absent = '(absent)'): Row[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => before[k] !== after[k])
    .map((key) => ({
      key,
      then: before[key] ?? absent,
      now: after[key] ?? absent,
      text: key in before && key in after,
    }));
}

function KeyTable({ rows, thenLabel, nowLabel }: { rows: Row[]; thenLabel: string; nowLabel: string }) {
  const t = useTranslations('drift');
  if (rows.length === 0) return <p className="muted">{t('noKeyDiffers')}</p>;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">{t('key')}</th>
          <th scope="col">− {thenLabel}</th>
          <th scope="col">+ {nowLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row" className="mono">
              {r.key}
            </th>
            {r.text ? (
              // A value's changed lines, with a little context: a one-line change in a long file reads as one line.
              <td colSpan={2} className="lines">
                <UnifiedDiff
                  before={r.then}
                  after={r.now}
                  label={t('keyLabel', { key: r.key, then: thenLabel, now: nowLabel })}
                />
              </td>
            ) : (
              <>
                <td className="old">
                  <pre>{r.then}</pre>
                </td>
                <td className="new">
                  <pre>{r.now}</pre>
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What changed in a source since a pod started (when seen while watching), and live vs last-applied. */
export function ConfigDiff({ source, podStarted }: { source: string; podStarted?: string }) {
  const { data, error, isPending } = useConfigHistory(source);
  const t = useTranslations('drift');
  if (isPending) return <Loading what={source} />;
  if (error || !data) return <ErrorPanel error={error} />;
  const secret = source.startsWith('Secret/');
  const then = podStarted ? versionAt(data, podStarted) : undefined;
  return (
    <div className="config-diff">
      <h3>
        {t('changedSince')} {secret && <span className="muted">{t('secretNote')}</span>}
      </h3>
      {then ? (
        <KeyTable
          rows={versionRows(then, data.current, secret, t('absentValue'))}
          thenLabel={t('podStartedLabel')}
          nowLabel={t('liveLabel')}
        />
      ) : (
        <p className="muted">{podStarted ? t('unseenBefore') : t('noneOlder')}</p>
      )}
      {data.lastApplied && (
        <>
          <h3>{t('liveVsApplied')}</h3>
          <KeyTable
            rows={valueRows(data.lastApplied, data.current.data ?? {}, t('absentValue'))}
            thenLabel={t('appliedLabel')}
            nowLabel={t('liveLabel')}
          />
        </>
      )}
    </div>
  );
}
