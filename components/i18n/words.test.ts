import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Problem } from '@/lib/wire/problems';
import { before, testFinding, testWords } from '@/test/support/words';

const en = testWords('en');
const zh = testWords('zh-CN');

test("a finding is worded from its code and parameters; a since time as how long ago on the reader's clock", () => {
  const f = testFinding('ordinal.notReady', 'warning', {
    ordinal: 2,
    since: before(5 * 60_000),
    why: 'Readiness probe failed',
    onUpdateRevision: true,
  });
  assert.equal(
    en.finding(f),
    'ordinal 2 not Ready for 5m: Readiness probe failed on the update revision — the rollout is stuck here',
  );
  assert.equal(
    zh.finding(f),
    '序号 2 已 5分钟未就绪（Ready）：Readiness probe failed，位于更新修订版本——滚动更新卡在这里',
  );
  const pending = testFinding('claim.pending', 'info', { claim: 'data-0', since: before(130 * 60_000) });
  assert.equal(en.finding(pending), 'claim data-0 Pending for 2h 10m');
  assert.equal(zh.finding(pending), '持久卷声明（PVC）data-0 已 Pending 2小时10分钟');
  assert.equal(zh.finding(testFinding('claim.pending', 'info', { claim: 'c' })), '持久卷声明（PVC）c 已 Pending');
  assert.equal(
    en.finding(testFinding('claim.pending', 'info', { claim: 'c' })),
    'claim c Pending',
    'no time known: none said',
  );
  // The clock moves, the finding does not: the same one reads older later.
  assert.equal(
    testWords('en', Date.parse('2026-11-01T10:10:00Z')).finding(f).slice(0, 25),
    'ordinal 2 not Ready for 1',
  );
});

test('plurals follow the locale, not an added s', () => {
  assert.equal(en.finding(testFinding('config.podsStale', 'warning', { pods: 1 })), '1 pod runs with an older version');
  assert.equal(en.finding(testFinding('config.podsStale', 'warning', { pods: 3 })), '3 pods run with an older version');
  assert.equal(zh.finding(testFinding('config.podsStale', 'warning', { pods: 3 })), '3 个 Pod 运行的是旧版本');
  assert.equal(en.t('kinds.PersistentVolumeClaim.count', { count: 1 }), '1 claim');
  assert.equal(en.t('kinds.PersistentVolumeClaim.count', { count: 2 }), '2 claims');
});

test('cluster text in a parameter is a value, never ICU syntax', () => {
  const f = testFinding('claim.deleting', 'info', { claim: "{x} <b>'#</b> {y, plural, one {a} other {b}}" });
  assert.equal(zh.finding(f), "持久卷声明（PVC）{x} <b>'#</b> {y, plural, one {a} other {b}} 正在删除");
});

test("a problem's title is made from its code, its cause's finding and what it affects", () => {
  const p = {
    code: 'rollout.stuck',
    title: 'ignored',
    params: {
      kind: 'StatefulSet',
      namespace: 'messaging',
      name: 'kafka',
      ordinal: 2,
      since: before(60_000),
      why: 'Readiness probe failed',
      affectedPod: 1,
      affectedService: 2,
    },
  } as unknown as Problem;
  assert.equal(
    en.problemTitle(p),
    'Rollout of StatefulSet messaging/kafka stuck at ordinal 2: its pod not Ready for 1m: Readiness probe failed — affects 1 pod and 2 Services',
  );
  assert.equal(
    zh.problemTitle(p),
    'StatefulSet messaging/kafka 的滚动更新卡在序号 2：其 Pod 已 1分钟未就绪（Ready）：Readiness probe failed——影响 1 个 Pod和2 个服务（Service）',
  );
  const cause = {
    code: 'storageClass.missing',
    title: 'x',
    params: { kind: 'StorageClass', name: 'fast', storageClass: 'fast', affectedPersistentVolumeClaim: 3 },
    causeFinding: { code: 'storageClass.missing', params: { storageClass: 'fast' } },
  } as unknown as Problem;
  assert.equal(
    zh.problemTitle(cause),
    'StorageClass fast：存储类（StorageClass）fast 不存在——影响 3 个持久卷声明（PVC）',
  );
});

test('times: one unit through Intl.RelativeTimeFormat, two through the catalog; dates in the locale', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  assert.equal(zh.ago('2026-12-03T11:55:00Z', now), '5分钟前');
  assert.equal(en.ago('2026-12-03T11:55:00Z', now), '5m ago');
  assert.equal(zh.ago('2026-12-03T09:50:00Z', now), '2小时10分钟前');
  assert.equal(zh.ago(null, now), '未知');
  assert.match(zh.dateTime('2026-12-03T11:55:00Z'), /2026年12月3日/);
  assert.equal(
    zh.changeSummary({ type: 'MODIFIED', summary: 'spec.replicas: 3 → 5 (+2 more)' }),
    'spec.replicas: 3 → 5（另有 2 处）',
  );
  assert.equal(zh.changeSummary({ type: 'ADDED', summary: 'created' }), '已创建');
});
