import 'server-only';
import type { HistoryReader } from '../audit/reader';
import type { Drift, DriftReport } from '@/lib/wire/topology';
import { parseNodeId } from '@/lib/wire/kinds';

/** A data change, by its summary: the summary names data paths first (content.ts ranks them so). */
const DATA_CHANGE = /^(data|binaryData|dataHashes)[.[:]/;

/**
 * Since when each pod has run stale config, from the history: the first recorded change of
 * its source's data after the pod started — not the latest edit, which the next edit
 * overwrites. Absent when the history holds no such change (it began recording later).
 */
export function withStaleSince(report: DriftReport, store: HistoryReader): DriftReport {
  const memo = new Map<string, Drift['staleSince']>();
  const findings = report.findings.map((f) => {
    const key = `${f.source}|${f.podStarted}`;
    if (!memo.has(key)) memo.set(key, firstDataChange(store, f.source, f.podStarted));
    const since = memo.get(key);
    return since ? { ...f, staleSince: since } : f;
  });
  return { ...report, findings };
}

function firstDataChange(store: HistoryReader, source: string, after: string): Drift['staleSince'] {
  const ref = parseNodeId(source);
  if (!ref) return undefined;
  const page = store.query({
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
    since: after,
    limit: 50,
    order: 'asc',
  });
  const e = page.entries.find((x) => x.type === 'MODIFIED' && DATA_CHANGE.test(x.summary));
  if (!e) return undefined;
  return {
    time: e.window?.from ?? e.time,
    entry: e.id,
    observed: e.observed,
    ...(e.window ? { window: e.window } : {}),
  };
}
