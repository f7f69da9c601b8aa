import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FINDING_CODES,
  findingHealth,
  isListed,
  type FindingCode,
  type ParamsOf,
  type Severity,
} from '@/lib/wire/findings';
import { finding } from './wording';

/** Any code with whatever parameters (the compiler checks real call sites; these probe the wording's robustness). */
const loose = (code: FindingCode, severity: Severity, params: Record<string, string> = {}) =>
  finding(code, severity, params as ParamsOf<typeof code>);

test('a sentence is made from the code and its parameters; unknown parameters are left out of the wire', () => {
  const f = finding('claim.pendingMissingStorageClass', 'error', { claim: 'data-etcd-0', storageClass: 'fast' });
  assert.equal(f.message, 'claim data-etcd-0 Pending: StorageClass fast does not exist');
  assert.deepEqual(f.params, { claim: 'data-etcd-0', storageClass: 'fast' });
  const at = '2026-11-01T10:00:00Z';
  assert.deepEqual(finding('claim.pending', 'info', { claim: 'c', since: at, why: undefined }).params, {
    claim: 'c',
    since: at,
  });
  const ord = finding('ordinal.notReady', 'warning', {
    ordinal: 2,
    since: at,
    why: 'Readiness probe failed',
    onUpdateRevision: true,
    blocks: undefined,
  });
  // A time, not a duration: the sentence holds while the clock runs (readers word how long ago).
  assert.equal(
    ord.message,
    `ordinal 2 not Ready since ${at}: Readiness probe failed on the update revision — the rollout is stuck here`,
  );
  assert.equal(
    finding('ordinal.notReady', 'info', { ordinal: 0, state: 'Pending', onUpdateRevision: false, blocks: 1 }).message,
    'ordinal 0 not Ready (Pending) — blocks ordinal 1 (OrderedReady)',
  );
});

test('every code words a sentence from empty parameters without throwing, and cluster text stays text', () => {
  for (const code of Object.keys(FINDING_CODES) as FindingCode[])
    assert.equal(typeof loose(code, 'info', { consumption: 'env' }).message, 'string', code);
  assert.equal(
    finding('claim.deleting', 'info', { claim: '<img src=x onerror=alert(1)>' }).message,
    'claim <img src=x onerror=alert(1)> is being deleted',
  );
});

test('health comes from severity, except notes; summaries are not listed in a diagnosis', () => {
  assert.equal(findingHealth(loose('claim.lost', 'error')), 'error');
  assert.equal(findingHealth(loose('claim.pending', 'info')), 'progressing');
  assert.equal(findingHealth(loose('rollout.heldByPartition', 'info')), 'ok', 'an intended canary is not a problem');
  assert.equal(findingHealth(loose('service.headlessWithoutHostnames', 'warning')), 'ok');
  assert.equal(isListed(loose('statefulset.noneReady', 'error')), false);
  assert.equal(isListed(loose('scale.orphanedClaims', 'warning')), true);
  assert.equal(findingHealth(loose('scale.retainedClaims', 'info')), 'ok', 'claims kept by Retain are intended');
});
