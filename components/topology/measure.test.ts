import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitName, fitText, textWidth } from './measure';

const FONT = '11px system-ui, sans-serif';

test('a label is fitted by width: Chinese, twice as wide per character, is cut sooner than English', () => {
  const en = 'ordinal 2 not Ready for 5m: Readiness probe failed';
  const zh = '序号 2 已 5分钟未就绪（Ready）：就绪探针失败，滚动更新卡在这里';
  const max = 150;
  const enFit = fitText(en, max, FONT, 'en', null);
  const zhFit = fitText(zh, max, FONT, 'zh-CN', null);
  assert.ok(textWidth(enFit, FONT, null) <= max && textWidth(zhFit, FONT, null) <= max);
  assert.ok(enFit.endsWith('…') && zhFit.endsWith('…'));
  assert.ok(zhFit.length < enFit.length, `${zhFit} vs ${enFit}`);
  assert.equal(fitText('Bound · 10Gi', max, FONT, 'en', null), 'Bound · 10Gi', 'what fits stays whole');
});

test('a cut never splits a grapheme (emoji, combining marks)', () => {
  const s = '👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301';
  for (let max = 10; max < 120; max += 7) {
    const out = fitText(s, max, FONT, 'en', null);
    const body = out.endsWith('…') ? out.slice(0, -1) : out;
    assert.ok(s.startsWith(body), out);
    assert.ok(
      !/\u200d$/.test(body) && !/^\u0301/.test(s.slice(body.length)),
      `split at ${max}: ${JSON.stringify(out)}`,
    );
  }
});

test('a name is cut in the middle by width: the ordinal stays, a wide (CJK) name is cut sooner', () => {
  const max = 140;
  const pods = [0, 1, 12].map((i) => fitName(`very-long-statefulset-name-for-kafka-${i}`, max, FONT, 'en', null));
  assert.deepEqual(
    pods.map((p) => /-\d+$/.exec(p)?.[0]),
    ['-0', '-1', '-12'],
  );
  assert.equal(new Set(pods).size, 3);
  for (const p of pods) assert.ok(p.includes('…') && textWidth(p, FONT, null) <= max, p);
  const wide = fitName('数据库-主节点-上海-可用区-二-0', max, FONT, 'zh-CN', null);
  assert.ok(wide.endsWith('-0') && textWidth(wide, FONT, null) <= max, wide);
  assert.equal(fitName('kafka-0', max, FONT, 'en', null), 'kafka-0');
});
