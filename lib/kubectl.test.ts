import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { kubectlFor, kubectlForId, shellWord } from './kubectl';
import { NODE_KIND_LIST, NODE_KINDS } from './wire/kinds';

test('every kind gets describe, and get -o yaml except Secrets, whose values kubectl would print', () => {
  for (const kind of NODE_KIND_LIST) {
    const cmds = kubectlFor(
      NODE_KINDS[kind].clusterScoped ? { kind, name: 'x' } : { kind, namespace: 'ns', name: 'x' },
    );
    assert.ok(cmds[0].startsWith(`kubectl describe ${NODE_KINDS[kind].resource} x`), cmds[0]);
    assert.equal(
      cmds.some((c) => c.includes('-o yaml')),
      kind !== 'Secret',
      kind,
    );
    for (const c of cmds)
      assert.match(c, /^kubectl (describe|get|logs|rollout (status|history)) /, 'read-only verbs only');
  }
  assert.deepEqual(kubectlForId('StatefulSet/messaging/kafka').slice(2, 4), [
    'kubectl rollout status statefulset/kafka -n messaging --watch=false',
    'kubectl rollout history statefulset/kafka -n messaging',
  ]);
  assert.deepEqual(kubectlForId('nonsense'), []);
  const pod = kubectlFor({ kind: 'Pod', namespace: 'db', name: 'pg-0' }, [
    { container: 'pg' },
    { container: 'init', previous: true },
  ]);
  assert.deepEqual(
    pod.filter((c) => c.startsWith('kubectl logs')),
    ['kubectl logs pg-0 -n db -c pg --tail=200', 'kubectl logs pg-0 -n db -c init --previous'],
  );
});

test('a hostile word reaches the shell as one literal argument', () => {
  for (const s of ["a'b", '$(touch /tmp/pwned)', 'x; rm -rf /', '`id`', 'ünï cödé', '']) {
    const out = execFileSync('sh', ['-c', `printf '%s' ${shellWord(s)}`], { encoding: 'utf8' });
    assert.equal(out, s);
  }
  assert.equal(shellWord('data-kafka-0'), 'data-kafka-0', 'plain names stay bare');
});
