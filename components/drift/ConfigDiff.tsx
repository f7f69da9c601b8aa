'use client';

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
export function versionRows(before: ConfigVersionView, after: ConfigVersionView, secret: boolean): Row[] {
  const keys = [...new Set([...Object.keys(before.hashes), ...Object.keys(after.hashes)])].sort();
  const value = (v: ConfigVersionView, k: string) => (secret || !(k in v.hashes) ? undefined : v.data?.[k]);
  const show = (v: ConfigVersionView, k: string) => value(v, k) ?? (k in v.hashes ? `fingerprint:${v.hashes[k]}` : '(absent)');
  return keys
    .filter((k) => before.hashes[k] !== after.hashes[k])
    .map((key) => ({ key, then: show(before, key), now: show(after, key), text: value(before, key) !== undefined && value(after, key) !== undefined }));
}

export function valueRows(before: Record<string, string>, after: Record<string, string>): Row[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => before[k] !== after[k])
    .map((key) => ({ key, then: before[key] ?? '(absent)', now: after[key] ?? '(absent)', text: key in before && key in after }));
}

function KeyTable({ rows, thenLabel, nowLabel }: { rows: Row[]; thenLabel: string; nowLabel: string }) {
  if (rows.length === 0) return <p className="muted">No key differs.</p>;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">− {thenLabel}</th>
          <th scope="col">+ {nowLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row" className="mono">{r.key}</th>
            {r.text ? (
              // A value's changed lines, with a little context: a one-line change in a long file reads as one line.
              <td colSpan={2} className="lines">
                <UnifiedDiff before={r.then} after={r.now} label={`${r.key}: − ${thenLabel}, + ${nowLabel}`} />
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
