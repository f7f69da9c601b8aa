import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testNode } from '@/test/support/nodes';
import { before, testFinding, testWords } from '@/test/support/words';
import { graphLabels } from './labels';
import { textWidth } from './measure';
import { SUB_FONT, subWidth } from './shapes';
import { CLUSTER_BAND } from './layout';

const zh = graphLabels(testWords('zh-CN'));
const en = graphLabels(testWords('en'));

test("a node's second line is its first finding in the reader's language, fitted to the node by width", () => {
  const pod = {
    ...testNode('Pod', 'kafka-2', { namespace: 'messaging', status: 'warning' }),
    findings: [
      testFinding('pod.notReady', 'warning', {
        state: 'Running',
        since: before(5 * 60_000),
        why: 'Readiness probe failed: dial tcp 10.244.0.28:9092',
      }),
    ],
  };
  assert.match(zh.subtitle(pod), /^Running，已 5分钟未就绪（Ready）：Readiness probe failed/);
  for (const labels of [zh, en]) {
    const line = labels.fit(labels.subtitle(pod), subWidth(true), SUB_FONT);
    assert.ok(line.endsWith('…'));
    assert.ok(textWidth(line, SUB_FONT) <= subWidth(true), line);
  }
  assert.ok(
    zh.fit(zh.subtitle(pod), subWidth(false), SUB_FONT).length <
      en.fit(en.subtitle(pod), subWidth(false), SUB_FONT).length,
    'Chinese text is wider per character',
  );
  assert.equal(zh.subtitle(testNode('StatefulSet', 'zk', { info: { ready: 2, replicas: 3 } })), '2/3 就绪');
});

test('bands, groups and screen-reader labels are worded per locale', () => {
  assert.equal(zh.bandTitle('messaging', { objects: 27, problems: 3 }), 'messaging · 27 个对象 · 3 个有问题');
  assert.equal(en.bandTitle('messaging', { objects: 1, problems: 0 }), 'messaging · 1 object');
  assert.equal(zh.bandTitle(CLUSTER_BAND, undefined), '（集群级）');
  const pod = testNode('Pod', 'zk-0', { namespace: 'm', status: 'error' });
  assert.equal(zh.nodeLabel(pod, true), 'Pod m/zk-0：故障，运行的是旧版 ConfigMap 或 Secret（配置过时）');
  assert.equal(
    en.edgesHidden(12345),
    '12,345 edges hidden at this zoom: only those of problems, drift and the selection are drawn',
  );
});
