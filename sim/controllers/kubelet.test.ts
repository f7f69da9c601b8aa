import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { resources } from '../registry/lookup';
import { ns, testCluster, until, type Obj } from '../testing';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

const pod = (name: string, annotations: Record<string, string> = {}) => ({
  metadata: { name, annotations },
  spec: { containers: [{ name: 'main', image: 'app:1' }] },
});

test('a pod is scheduled, starts, then turns Ready, with events for each step', async () => {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'k');
  c.registry.create(resources.pods, 'k', pod('p'), { manager: 'test' });
  const get = () => c.store.get(resources.pods, 'k', 'p') as Obj;
  await until(
    c,
    'Ready',
    () =>
      (get().status?.conditions as Array<{ type: string; status: string }> | undefined)?.some(
        (x) => x.type === 'Ready' && x.status === 'True',
      ) === true,
  );
  const p = get();
  assert.equal(p.status?.phase, 'Running');
  assert.match(String(p.status?.podIP), /^10\.244\./);
  assert.ok(p.spec.nodeName);
  const reasons = c.store.list(resources.events, 'k').map((e) => (e as Obj & { reason: string }).reason);
  for (const r of ['Scheduled', 'Pulled', 'Created', 'Started']) assert.ok(reasons.includes(r), `event ${r}`);
});

test('the crash-loop annotation restarts the container and reports CrashLoopBackOff, never Ready', async () => {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'k');
  c.registry.create(resources.pods, 'k', pod('crashy', { 'sim.ordinal.dev/crash-loop': 'true' }), { manager: 'test' });
  const status = () =>
    (
      (c.store.get(resources.pods, 'k', 'crashy') as Obj).status?.containerStatuses as
        Array<{ restartCount: number; ready: boolean; state: { waiting?: { reason: string } } }> | undefined
    )?.[0];
  await until(c, 'a restart', () => (status()?.restartCount ?? 0) >= 1);
  assert.equal(status()?.state.waiting?.reason, 'CrashLoopBackOff');
  assert.equal(status()?.ready, false);
  assert.ok(c.store.list(resources.events, 'k').some((e) => (e as Obj & { reason: string }).reason === 'BackOff'));
});

test('the image-pull-error annotation leaves the pod waiting in ImagePullBackOff', async () => {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'k');
  c.registry.create(resources.pods, 'k', pod('pull', { 'sim.ordinal.dev/image-pull-error': 'true' }), {
    manager: 'test',
  });
  await until(c, 'ImagePullBackOff', () => {
    const cs = (
      (c.store.get(resources.pods, 'k', 'pull') as Obj).status?.containerStatuses as
        Array<{ state: { waiting?: { reason: string } } }> | undefined
    )?.[0];
    return cs?.state.waiting?.reason === 'ImagePullBackOff';
  });
});
