import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { HistoryVerdict } from '../lib/wire/history';
import { BundleScopeError, isBundle, linesOf, verifyBundle } from '../server/audit/bundle';
import { clusterScope, WHOLE_FILE } from '../server/audit/scope';
import { exportText } from '../server/audit/export';
import { HistoryStore } from '../server/audit/store';
import { ensureBuilt, STANDALONE_SERVER } from './build-if-stale';

/**
 * `npm run audit -- <command>`: the change history without a dashboard, for an auditor handed
 * the file. Every command opens it read-only.
 *   verify FILE|BUNDLE             walk the hash chain; exit 1 at the first broken link, naming it
 *   export --history FILE --format csv|jsonl|bundle [--cluster C] [--since T] [--until T] [--namespace NS] [--kind K]
 *   serve --history FILE|BUNDLE [--port N]  the history and time-travel views from the file, no cluster
 */
const ROOT = resolve(import.meta.dirname, '..');
const USAGE = `usage: npm run audit -- verify FILE|BUNDLE
       npm run audit -- export --history FILE --format csv|jsonl|bundle [--cluster C] [--since T] [--until T] [--namespace NS] [--kind K]
       npm run audit -- serve --history FILE|BUNDLE [--port N]`;

class UsageError extends Error {}

function open(file: string | undefined): HistoryStore {
  if (!file) throw new UsageError('name the history file');
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  try {
    return new HistoryStore(resolve(file), { readOnly: true });
  } catch (e) {
    throw new UsageError(`${file}: not a readable history (${(e as Error).message})`);
  }
}

function time(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new UsageError(`--${name} must be a time such as 2026-11-29T10:00:00Z`);
  return new Date(t).toISOString();
}

function verify(file: string | undefined): number {
  if (file && existsSync(file) && isBundle(file)) return report(verifyBundle(linesOf(file)));
  const store = open(file);
  const v = store.verifyAll();
  store.close();
  return report(v);
}

function report(v: HistoryVerdict): number {
  if (v.ok) {
    console.log(`ok: ${v.checked} entries, the chain is whole`);
    return 0;
  }
  console.log(
    `BROKEN at entry ${v.firstBroken?.id}: ${v.firstBroken?.reason} (${v.checked} entries before it checked)`,
  );
  return 1;
}

async function exportRows(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      history: { type: 'string' },
      format: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      namespace: { type: 'string' },
      kind: { type: 'string' },
      cluster: { type: 'string' },
    },
  });
  if (values.format !== 'csv' && values.format !== 'jsonl' && values.format !== 'bundle')
    throw new UsageError('--format must be csv, jsonl or bundle');
  const store = open(values.history);
  const scope = {
    since: time('since', values.since),
    until: time('until', values.until),
    namespace: values.namespace,
    kind: values.kind,
  };
  try {
    // The file's holder reads it whole; --cluster keeps one (a bundle holds one cluster: of a file of several, name it).
    const reader = store.reader(values.cluster === undefined ? WHOLE_FILE : clusterScope(values.cluster));
    await write(exportText(reader, scope, values.format));
  } catch (e) {
    if (e instanceof BundleScopeError) throw new UsageError(`${e.message} with --cluster`);
    throw e;
  } finally {
    store.close();
  }
  return 0;
}

/**
 * Writes to stdout as fast as the reader takes it: a pipe is asynchronous, so memory stays
 * flat however long the export, and nothing is cut off when the process ends.
 */
async function write(chunks: Iterable<string>): Promise<void> {
  for (const c of chunks) {
    if (!process.stdout.write(c)) await once(process.stdout, 'drain');
  }
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { history: { type: 'string' }, port: { type: 'string' } } });
  // A bundle is loaded by the server (server/audit/unbundle.ts); a store file is checked here.
  if (!values.history || !existsSync(values.history) || !isBundle(values.history)) open(values.history).close();
  await ensureBuilt(ROOT);
  const env = { ...process.env, ORDINAL_AUDIT_FILE: resolve(values.history ?? ''), NEXT_TELEMETRY_DISABLED: '1' };
  const child = spawn(
    process.execPath,
    [resolve(ROOT, STANDALONE_SERVER), '-p', values.port ?? '3000', '-H', '127.0.0.1'],
    { cwd: ROOT, env, stdio: 'inherit' },
  );
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  return new Promise((res) => child.on('exit', (code) => res(code ?? 0)));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'verify':
      return verify(rest[0]);
    case 'export':
      return exportRows(rest);
    case 'serve':
      return serve(rest);
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'name a command');
  }
}

// exitCode, not exit(): what is still queued for a pipe on stdout is written before the process ends.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof UsageError ? `audit: ${e.message}\n${USAGE}` : `audit: ${(e as Error).message}`);
    process.exitCode = 2;
  },
);
