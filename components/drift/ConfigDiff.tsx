'use client';

import type { ConfigHistoryView, ConfigVersionView } from '@/lib/wire/topology';
import { useConfigHistory } from '../data/hooks';
import { ErrorPanel, Loading } from '../ui/States';

interface Row {
  key: string;
  then: string;
  now: string;
}

function versionAt(h: ConfigHistoryView, iso: string): ConfigVersionView | undefined {
  const t = Date.parse(iso);
  let found: ConfigVersionView | undefined;
  for (const v of h.versions) if (Date.parse(v.since) <= t) found = v;
  return found;
}

/** Keys whose fingerprint differs between two versions; shown as values (ConfigMaps) or fingerprints (Secrets). */
export function versionRows(before: ConfigVersionView, after: ConfigVersionView, secret: boolean): Row[] {
  const keys = [...new Set([...Object.keys(before.hashes), ...Object.keys(after.hashes)])].sort();
  const show = (v: ConfigVersionView, k: string) => (k in v.hashes ? (secret ? `fingerprint:${v.hashes[k]}` : (v.data?.[k] ?? `fingerprint:${v.hashes[k]}`)) : '(absent)');
  return keys.filter((k) => before.hashes[k] !== after.hashes[k]).map((key) => ({ key, then: show(before, key), now: show(after, key) }));
}

export function valueRows(before: Record<string, string>, after: Record<string, string>): Row[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]).map((key) => ({ key, then: before[key] ?? '(absent)', now: after[key] ?? '(absent)' }));
}

function KeyTable({ rows, thenLabel, nowLabel }: { rows: Row[]; thenLabel: string; nowLabel: string }) {
  if (rows.length === 0) return <p className="muted">No key differs.</p>;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">{thenLabel}</th>
          <th scope="col">{nowLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="mono">{r.key}</th>
            <td className="old">
              <pre>{r.then}</pre>
            </td>
            <td className="new">
              <pre>{r.now}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What changed in a source since a pod started (when seen while watching), and live vs last-applied. */
export function ConfigDiff({ source, podStarted }: { source: string; podStarted?: string }) {
  const { data, error, isPending } = useConfigHistory(source);
  if (isPending) return <Loading what={source} />;
  if (error || !data) return <ErrorPanel error={error} />;
  const secret = source.startsWith('Secret/');
  const then = podStarted ? versionAt(data, podStarted) : undefined;
  return (
    <div className="config-diff">
      <h3>
        Changed since the oldest stale pod started {secret && <span className="muted">(Secrets: key names and keyed fingerprints only)</span>}
      </h3>
      {then ? (
        <KeyTable rows={versionRows(then, data.current, secret)} thenLabel="When the pod started" nowLabel="Live" />
      ) : (
        <p className="muted">{podStarted ? 'The version before the change was not seen while watching, so only the change time is known.' : 'No pod runs an older version.'}</p>
      )}
      {data.lastApplied && (
        <>
          <h3>Live vs last-applied (kubectl apply)</h3>
          <KeyTable rows={valueRows(data.lastApplied, data.current.data ?? {})} thenLabel="Last applied" nowLabel="Live" />
        </>
      )}
    </div>
  );
}
