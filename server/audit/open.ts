import { dirname, join } from 'node:path';
import type { HistoryVerdict } from '@/lib/wire/history';
import { isBundle } from './bundle';
import type { Settings } from '../settings/table';
import { bundled } from './offthread';
import { Recorder, type RecordedCache, type Recording } from './recorder';
import { RecorderThread } from './recordthread';
import { retentionOf, startRetention } from './retention';
import { SharedHistory } from './shared';
import { HistoryStore, historyWriter, type NewEntry } from './store';
import { loadBundle, type LoadedBundle } from './unbundle';
import type { HistoryReader } from './reader';
import { clusterScope, WHOLE_FILE } from './scope';

/** The process's history: recording to a file, or off (by setting, or because the file is taken). */
export type History =
  | {
      on: true;
      /** Every read, in this cluster's scope (reader.ts); routes narrow it to their viewer. */
      reader: HistoryReader;
      recorder?: Recording;
      retention?: ReturnType<typeof startRetention>;
      /** ORDINAL_HISTORY_URL: the PostgreSQL journal this store mirrors. */
      shared?: SharedHistory;
      /** Served from an audit bundle: its manifest, and its verdict as loaded (the store holds only its scope). */
      bundle?: Pick<LoadedBundle, 'manifest' | 'verdict'> & { path: string };
    }
  | { on: false; path?: string; reason: string };

/** ORDINAL_HISTORY's file (default `history.db` in the state directory); undefined when off. */
export function historyPath(s: Pick<Settings, 'history' | 'stateDir'>): string | undefined {
  if (s.history === false) return undefined;
  return s.history ?? join(/*turbopackIgnore: true*/ s.stateDir, 'history.db');
}

/** Kinds not recorded: Events are the cluster's own record (kept an hour) and would be most of the volume. */
const UNRECORDED = new Set(['Event']);

/** The history file of the process, shared by every cluster's recorder; or why it is off. */
export type HistoryFile =
  | { on: true; store: HistoryStore; retention?: ReturnType<typeof startRetention>; shared?: SharedHistory }
  | { on: false; path?: string; reason: string };

/**
 * ORDINAL_HISTORY_URL (postgres://…): the history kept in PostgreSQL for every replica (shared.ts);
 * this replica's store is a mirror of it beside ORDINAL_HISTORY's path, kept across restarts
 * (it goes on from its head when the database still holds it). Retention is the database's to run
 * then (not yet built): none here.
 */
function openShared(s: Settings, url: string): HistoryFile {
  const local = join(
    /*turbopackIgnore: true*/ dirname(historyPath(s) ?? join(s.stateDir, 'history.db')),
    'history-mirror.db',
  );
  let store: HistoryStore;
  try {
    store = new HistoryStore(local, { exclusive: true });
  } catch (e) {
    // Another process on this directory holds the file: this one copies the database in memory.
    console.warn(`ordinal: history: ${local} is taken (${(e as Error).message}); mirroring in memory`);
    store = new HistoryStore(':memory:');
  }
  return { on: true, store, shared: new SharedHistory(url, store) };
}

/**
 * Opens the history file. One process writes a file: the store takes SQLite's exclusive lock,
 * and a second dashboard on the same file runs with history off (and says so in
 * /api/v1/history/status) rather than forking the chain.
 */
export function openHistoryFile(s: Settings): HistoryFile {
  if (s.historyUrl) return openShared(s, s.historyUrl);
  const path = historyPath(s);
  if (!path) return { on: false, reason: 'ORDINAL_HISTORY=off' };
  const retention = retentionOf(s);
  let store: HistoryStore | undefined;
  try {
    store = new HistoryStore(path, { exclusive: true });
  } catch (e) {
    store?.close();
    const busy = /locked|busy/i.test((e as Error).message);
    return { on: false, path, reason: busy ? takenReason(path) : `cannot open ${path}: ${(e as Error).message}` };
  }
  return { on: true, store, retention: startRetention(store, retention) };
}

/** Why a file another process writes is not recorded here, naming that process when the file says. */
function takenReason(path: string): string {
  const w = historyWriter(path);
  const who = w ? ` (pid ${w.pid} on ${w.host}, writing since ${w.since})` : '';
  return `${path} is being recorded by another process${who}; the audit CLI reads it beside that process`;
}

/**
 * Starts recording one cluster's cache into the file: its History is the file seen as that
 * cluster's (entries and coverage stamped and read per cluster, one chain for the file).
 */
export function recordCluster(
  file: HistoryFile,
  cache: RecordedCache,
  o: { cluster: string; kinds: readonly string[]; namespaces?: string[]; ready?: () => boolean },
): History {
  if (!file.on) return file;
  const shared = file.shared;
  const kinds = o.kinds.filter((k) => !UNRECORDED.has(k));
  const worker = bundled();
  const recorder: Recording =
    // A file, with the bundled worker (a build; not `npm run dev`): written off the event loop.
    !shared && worker && file.store.path !== ':memory:'
      ? new RecorderThread(cache, { ...o, kinds, path: file.store.path, worker })
      : new Recorder(file.store, cache, {
          cluster: o.cluster,
          kinds,
          namespaces: o.namespaces,
          // Shared: into the journal, every entry whole, once the mirror has caught up with it.
          ready: shared ? () => shared.caughtUp && (o.ready?.() ?? true) : o.ready,
          ...(shared ? { append: (entries: NewEntry[]) => shared.enqueue(entries), keyframeEvery: 1 } : {}),
        });
  recorder.start();
  return { on: true, reader: file.store.reader(clusterScope(o.cluster)), recorder, ...(shared ? { shared } : {}) };
}

/** Stops one cluster's recorder (what is queued written, its kinds marked unwatched); the file stays open. */
export function stopRecording(h: History): void {
  if (!h.on) return;
  try {
    h.recorder?.stop();
  } catch (e) {
    console.error(`ordinal: history: the last changes could not be written (${(e as Error).message})`);
  }
}

/**
 * A history file or audit bundle handed over, served read-only (the audit CLI): no recorder, no
 * writes to it. A file is read whole (its holder has every cluster of it); a bundle in its own
 * cluster, as exported.
 */
export function openAuditFile(path: string): History & { on: true } {
  if (!isBundle(path)) return { on: true, reader: new HistoryStore(path, { readOnly: true }).reader(WHOLE_FILE) };
  const { store, manifest, verdict } = loadBundle(path);
  const scope = manifest.scope.cluster === undefined ? WHOLE_FILE : clusterScope(manifest.scope.cluster);
  return { on: true, reader: store.reader(scope), bundle: { path, manifest, verdict } };
}

/** The chain's verdict: a store walked now, or a bundle's as it was loaded. */
export function verdictOf(h: History & { on: true }): HistoryVerdict {
  return h.bundle?.verdict ?? h.reader.verify();
}
