import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startDashboard, type Dashboard } from './dashboard';
import { eventually } from './harness';

/** The pod page's API and logs, through `npm start` against the demo: kafka-2 is stuck on the new image. */
let d: Dashboard;
before(async () => {
  d = await startDashboard();
});
after(() => d.close());

interface PodBody {
  status: string;
  containers: Array<{
    name: string;
    ready: boolean;
    restarts: number;
    state: { state: string };
    probes: Array<{ kind: string; type: string; target: string }>;
    digest?: string;
  }>;
  lastProbeFailure?: { message: string };
  rollout?: { changes: Array<{ path: string; from?: string; to?: string }> };
  kubectl: string[];
  owner?: { name: string };
  ordinal?: number;
}

test("kafka-2's page: its container state, the failing probe as configured and as reported, what changed in the rollout", async () => {
  const found = await eventually(
    'kafka-2 reported unready by the kubelet',
    async () => {
      const r = await fetch(`${d.base}/api/v1/pods/messaging/kafka-2`);
      const b = (await r.json()) as PodBody;
      return b.lastProbeFailure ? b : undefined;
    },
    30_000,
  );
  const body = found as PodBody;
  const kafka = body.containers[0];
  assert.deepEqual([kafka.name, kafka.ready, kafka.state.state, kafka.restarts], ['kafka', false, 'running', 0]);
  assert.deepEqual(
    kafka.probes.map((p) => [p.kind, p.type, p.target]),
    [['readiness', 'tcpSocket', 'tcp :9092']],
  );
  assert.match(String(kafka.digest), /^sha256:[0-9a-f]{64}$/);
  // The kubelet's words match the probe's type: a refused TCP dial, not an HTTP status.
  assert.match(
    body.lastProbeFailure?.message ?? '',
    /^Readiness probe failed: dial tcp [\d.]+:9092: connect: connection refused$/,
  );
  const image = body.rollout?.changes.find((c) => c.path === 'spec.containers[kafka].image');
  assert.deepEqual([image?.from, image?.to], ['apache/kafka:3.8.0', 'apache/kafka:3.9.0']);
  assert.deepEqual([body.owner?.name, body.ordinal], ['kafka', 2]);
  assert.ok(body.kubectl.includes('kubectl describe pod kafka-2 -n messaging'));
  const missing = await fetch(`${d.base}/api/v1/pods/messaging/nope`);
  assert.equal(missing.status, 404);
});

test('logs: a tail, then new lines as they are written when following; bad parameters are 400, never 5xx', async () => {
  const url = `${d.base}/api/v1/pods/messaging/kafka-2/log`;
  // A crash-looping container's new run has fewer lines than five until its next tick: wait for five.
  let lines: string[] = [];
  await eventually('a tail of five lines', async () => {
    const tail = await fetch(`${url}?tailLines=5`);
    assert.equal(tail.status, 200);
    assert.match(String(tail.headers.get('content-type')), /^text\/plain/);
    lines = (await tail.text()).trimEnd().split('\n');
    assert.ok(lines.length <= 5, `a tail of 5 is at most 5 lines: ${lines.length}`);
    return lines.length === 5;
  });
  assert.ok(
    lines.some((l) => /Fatal error during KafkaServer startup/.test(l)),
    lines.join('\n'),
  );
  const ac = new AbortController();
  const follow = await fetch(`${url}?tailLines=1&follow=true`, { signal: ac.signal });
  assert.equal(follow.headers.get('cache-control'), 'no-cache, no-transform');
  const reader = (follow.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  await eventually(
    'three lines arriving live',
    async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return text.trimEnd().split('\n').length >= 3;
    },
    20_000,
  );
  ac.abort();
  for (const [q, code] of [
    ['previous=true', 'LogUnavailable'],
    ['tailLines=0', 'BadRequest'],
    ['tailLines=abc', 'BadRequest'],
    ['container=nope', 'BadRequest'],
    ['previous=maybe', 'BadRequest'],
    ['limitBytes=1', 'BadRequest'],
  ]) {
    const r = await fetch(`${url}?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, code, q);
  }
  const log = (await d.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; path: string; userAgent: string }>;
  const reads = log.filter((r) => r.userAgent.startsWith('ordinal-dashboard/') && r.path.includes('/log'));
  assert.ok(reads.length >= 2 && reads.every((r) => r.verb === 'get'), 'logs are read with get');
});
