/**
 * GET /api/v1/namespaces/{ns}/pods/{name}/log, as the apiserver answers it (from the kubelet):
 * `container` (required when the pod has several), `previous`, `tailLines`, `sinceSeconds`,
 * `timestamps`, `limitBytes`, `follow`. Plain text; errors are Status objects worded as the
 * apiserver words them. A follow ends when the container stops running or the client goes.
 */

import type { ServerResponse } from 'node:http';
import { containers } from '../controllers/podview';
import { linesOf, LINE_MS, runOf, type LogLine } from '../controllers/logs';
import type { KubeObject } from '../model/types';
import { badRequest } from '../registry/errors';
import type { Registry } from '../registry/registry';
import { resources } from '../registry/lookup';

const truthy = (v: string | null) => v === 'true' || v === '1';

function nonNegative(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  if (!/^\d{1,12}$/.test(raw))
    throw badRequest(`${name}: Invalid value: "${raw.slice(0, 40)}": must be a non-negative integer`);
  return Number(raw);
}

function containerOf(pod: KubeObject, q: URLSearchParams): string {
  const names = containers(pod).map((c) => String(c.name));
  const asked = q.get('container');
  if (!asked) {
    if (names.length === 1) return names[0];
    throw badRequest(
      `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`,
    );
  }
  if (!names.includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${pod.metadata.name}`);
  return asked;
}

function format(l: LogLine, timestamps: boolean): string {
  return `${timestamps ? `${new Date(l.time).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`;
}

export function serveLog(
  registry: Registry,
  res: ServerResponse,
  namespace: string,
  name: string,
  q: URLSearchParams,
  now = Date.now,
): void {
  const pod = registry.get(resources.pods, namespace, name);
  const container = containerOf(pod, q);
  const previous = truthy(q.get('previous'));
  const run = runOf(pod, container, previous);
  if (run === undefined) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  if (run === 'waiting')
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ContainerCreating`);
  const tail = nonNegative(q, 'tailLines');
  const since = nonNegative(q, 'sinceSeconds');
  const limit = nonNegative(q, 'limitBytes');
  const timestamps = truthy(q.get('timestamps'));
  let lines = linesOf(pod, container, run, now());
  if (since !== undefined) lines = lines.filter((l) => l.time >= now() - since * 1000);
  if (tail !== undefined) lines = lines.slice(Math.max(0, lines.length - tail));
  let text = lines.map((l) => format(l, timestamps)).join('');
  if (limit !== undefined) text = Buffer.from(text).subarray(0, limit).toString('utf8');
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  if (!truthy(q.get('follow')) || previous || run.finishedAt !== undefined) {
    res.end(text);
    return;
  }
  res.write(text);
  // The next line's index: the whole run so far (a tail only cut what was sent).
  let next = linesOf(pod, container, run, now()).length;
  const uid = pod.metadata.uid;
  const timer = setInterval(() => {
    const cur = registry.store.get(resources.pods, namespace, name);
    const again = cur && cur.metadata.uid === uid ? runOf(cur, container, false) : undefined;
    if (!cur || !again || again === 'waiting' || again.startedAt !== run.startedAt) {
      clearInterval(timer);
      res.end();
      return;
    }
    const fresh = linesOf(cur, container, run, now(), next);
    next += fresh.length;
    if (fresh.length) res.write(fresh.map((l) => format(l, timestamps)).join(''));
  }, LINE_MS / 2);
  res.on('close', () => clearInterval(timer));
}
