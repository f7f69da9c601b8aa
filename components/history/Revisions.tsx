'use client';

import { diffLines } from 'diff';
import type { HistoryEntry } from '@/lib/wire/history';
import { useRevisionDiff, useRevisions } from '../data/history';
import { ErrorPanel, Loading } from '../ui/States';
import { ChangeRow } from './ChangeRow';

const CONTEXT = 3;

type Line = { sign: ' ' | '+' | '-'; text: string } | { skipped: number };

/** A unified diff of two YAML texts (jsdiff), unchanged runs folded to their edges. */
export function unifiedLines(before: string, after: string): Line[] {
  const lines: Array<{ sign: ' ' | '+' | '-'; text: string }> = [];
  for (const part of diffLines(before, after)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ sign, text });
  }
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.sign !== ' '));
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (near[i]) out.push(lines[i]);
    else {
      const last = out[out.length - 1];
      if (last && 'skipped' in last) last.skipped++;
      else out.push({ skipped: 1 });
    }
  }
  return out;
}

function YamlDiff({ before, after }: { before: string; after: string }) {
  const lines = unifiedLines(before, after);
  return (
    <pre className="yaml-diff" aria-label="Changes, unified">
      {lines.map((l, i) =>
        'skipped' in l ? (
          <span key={i} className="skipped">{`… ${l.skipped} unchanged line${l.skipped > 1 ? 's' : ''}\n`}</span>
        ) : (
          <span
            key={i}
            className={l.sign === '+' ? 'add' : l.sign === '-' ? 'del' : undefined}
          >{`${l.sign} ${l.text}\n`}</span>
        ),
      )}
    </pre>
  );
}

/** The diff of one revision against the one before it (a creation: its whole content). */
function RevisionChange({
  refId,
  revisions,
  selected,
}: {
  refId: string;
  revisions: HistoryEntry[];
  selected: HistoryEntry;
}) {
  const i = revisions.findIndex((e) => e.id === selected.id);
  const previous = revisions[i + 1];
  const { data, error, isPending } = useRevisionDiff(
    refId,
    previous?.id ?? selected.id,
    previous ? selected.id : undefined,
  );
  if (!previous) {
    if (error) return <ErrorPanel error={error} />;
    if (isPending) return <Loading what="the revision" />;
    return <YamlDiff before="" after={data?.from.yaml ?? ''} />;
  }
  if (error) return <ErrorPanel error={error} />;
  if (isPending || !data) return <Loading what="the diff" />;
  return <YamlDiff before={data.from.yaml} after={data.to.yaml} />;
}

/** An object's revisions, newest first; the picked one (`revision`) shown as a diff against the one before. */
export function Revisions({
  refId,
  revision,
  onRevision,
}: {
  refId: string;
  revision: number | null;
  onRevision: (id: number) => void;
}) {
  const { data, error, isPending } = useRevisions(refId);
  if (error) return <ErrorPanel error={error} />;
  if (isPending || !data) return <Loading what="its revisions" />;
  const selected = data.revisions.find((e) => e.id === revision) ?? data.revisions[0];
  return (
    <div className="revisions">
      <table className="history-list">
        <tbody>
          {data.revisions.map((e) => (
            <ChangeRow
              key={e.id}
              entry={e}
              selected={e.id === selected?.id}
              onOpen={() => onRevision(e.id)}
              showObject={false}
            />
          ))}
        </tbody>
      </table>
      {selected ? (
        <RevisionChange refId={refId} revisions={data.revisions} selected={selected} />
      ) : (
        <p className="muted">No recorded revision.</p>
      )}
    </div>
  );
}
