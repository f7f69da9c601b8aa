import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeK8sProtobuf, ProtobufError } from './protobuf';

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const field = (no: number, bytes: number[] | Buffer): number[] => [
  ...varint((no << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const str = (no: number, s: string) => field(no, Buffer.from(s));
const mapEntry = (no: number, k: string, v: string) => field(no, [...str(1, k), ...str(2, v)]);

test('decodes a ConfigMap as kubectl create configmap sends it', () => {
  const meta = [...str(1, 'settings'), ...str(3, 'default'), ...mapEntry(11, 'app', 'web')];
  const raw = [...field(1, meta), ...mapEntry(2, 'mode', 'fast'), ...mapEntry(2, 'level', '<b>x</b>')];
  const typeMeta = [...str(1, 'v1'), ...str(2, 'ConfigMap')];
  const body = Buffer.from([0x6b, 0x38, 0x73, 0x00, ...field(1, typeMeta), ...field(2, raw)]);
  assert.deepEqual(decodeK8sProtobuf(body), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'default', labels: { app: 'web' } },
    data: { mode: 'fast', level: '<b>x</b>' },
  });
});

test('refuses bodies without the k8s envelope and kinds it cannot decode', () => {
  assert.throws(() => decodeK8sProtobuf(Buffer.from('{"kind":"ConfigMap"}')), ProtobufError);
  const typeMeta = [...str(1, 'apps/v1'), ...str(2, 'StatefulSet')];
  assert.throws(
    () => decodeK8sProtobuf(Buffer.from([0x6b, 0x38, 0x73, 0x00, ...field(1, typeMeta)])),
    /not StatefulSet; send JSON/,
  );
});
