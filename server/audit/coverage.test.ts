import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoverageMark } from '@/lib/wire/history';
import { blindSpans, coverageSpans } from './coverage';

const m = (time: string, kind: string, state: CoverageMark['state'], detail?: string): CoverageMark => ({
  time: `2026-11-01T${time}Z`,
  kind,
  state,
  ...(detail ? { detail } : {}),
});

test('watched from synced to the next other mark; a run killed without stop marks is blind until the next start', () => {
  const spans = coverageSpans(
    [
      m('10:00:00', 'Pod', 'start'),
      m('10:00:02', 'Pod', 'synced'),
      m('10:30:00', 'Pod', 'forbidden'),
      m('10:31:00', 'Pod', 'synced'),
      m('11:00:00', 'Pod', 'stop', 'stopped without a clean shutdown'),
      m('11:20:00', 'Pod', 'start'),
      m('11:20:03', 'Pod', 'synced'),
    ],
    '2026-11-01T12:00:00Z',
  );
  assert.deepEqual(
    spans.Pod.map(
      (s) => `${s.from.slice(11, 19)}-${s.to.slice(11, 19)} ${s.watched ? 'watched' : `blind: ${s.detail}`}`,
    ),
    [
      '10:00:00-10:00:02 blind: listing',
      '10:00:02-10:30:00 watched',
      '10:30:00-10:31:00 blind: forbidden (403)',
      '10:31:00-11:00:00 watched',
      '11:00:00-11:20:00 blind: stopped without a clean shutdown',
      '11:20:00-11:20:03 blind: listing',
      '11:20:03-12:00:00 watched',
    ],
  );
});

test('blind spans of several kinds merge where they overlap, naming the kinds', () => {
  const spans = coverageSpans(
    [
      m('10:00:00', 'Pod', 'synced'),
      m('10:10:00', 'Pod', 'error', 'connection refused'),
      m('10:20:00', 'Pod', 'synced'),
      m('10:00:00', 'Secret', 'synced'),
      m('10:15:00', 'Secret', 'forbidden'),
      m('10:25:00', 'Secret', 'synced'),
    ],
    '2026-11-01T11:00:00Z',
  );
  assert.deepEqual(
    blindSpans(spans).map((s) => `${s.from.slice(11, 16)}-${s.to.slice(11, 16)} ${s.kinds.join('+')}`),
    ['10:10-10:25 Pod+Secret'],
  );
  assert.deepEqual(
    blindSpans(spans, ['Secret']).map((s) => s.from.slice(11, 16)),
    ['10:15'],
  );
});
