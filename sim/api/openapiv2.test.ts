import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { openapiDocument } from './openapi';
import { OPENAPI_V2_PROTOBUF, openapiV2 } from './openapiv2';
import { servedDefinitions, type Schema } from './schemas';

/** Length-delimited fields of one protobuf message, by field number (the encoder writes no other wire type). */
function fields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let pos = 0;
  const varint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = buf[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    assert.equal(tag & 7, 2, 'only length-delimited fields');
    const len = varint();
    out.set(tag >> 3, [...(out.get(tag >> 3) ?? []), buf.subarray(pos, pos + len)]);
    pos += len;
  }
  return out;
}
const str = (f: Map<number, Buffer[]>, n: number) => f.get(n)?.[0]?.toString('utf8');

test('the protobuf document carries every definition, with kinds marked as kubectl reads them', () => {
  const { body, contentType } = openapiV2(`${OPENAPI_V2_PROTOBUF.replace('.v1.0', '@v1.0')}, application/json`);
  assert.equal(contentType, OPENAPI_V2_PROTOBUF);
  const doc = fields(body as Buffer);
  assert.equal(str(doc, 1), '2.0');
  const named = fields(doc.get(9)?.[0] ?? Buffer.alloc(0)).get(1) ?? [];
  const byName = new Map(
    named.map((n) => {
      const f = fields(n);
      return [str(f, 1), fields(f.get(2)?.[0] ?? Buffer.alloc(0))];
    }),
  );
  assert.deepEqual([...byName.keys()], [...servedDefinitions().definitions.keys()]);
  const sts = byName.get('io.k8s.api.apps.v1.StatefulSet');
  assert.ok(sts);
  const ext = fields(sts.get(31)?.[0] ?? Buffer.alloc(0));
  assert.equal(str(ext, 1), 'x-kubernetes-group-version-kind');
  assert.deepEqual(parse(str(fields(ext.get(2)?.[0] ?? Buffer.alloc(0)), 2) ?? ''), [
    { group: 'apps', kind: 'StatefulSet', version: 'v1' },
  ]);
  const spec = byName.get('io.k8s.api.apps.v1.StatefulSetSpec');
  assert.deepEqual(spec?.get(19)?.map(String), ['selector', 'template']);
  assert.equal(openapiV2('application/json').contentType, 'application/json');
});

test('every reference resolves and every served kind has a definition with its group-version-kind', () => {
  const { definitions, roots } = servedDefinitions();
  const refs = (s: Schema): string[] =>
    [
      s.$ref ?? '',
      ...(s.items ? refs(s.items) : []),
      ...(s.additionalProperties ? refs(s.additionalProperties) : []),
      ...Object.values(s.properties ?? {}).flatMap(refs),
    ].filter(Boolean);
  for (const [name, s] of definitions) {
    for (const r of refs(s)) assert.ok(definitions.has(r.replace('#/definitions/', '')), `${name} refers to ${r}`);
  }
  const kinds = [...roots.values()]
    .flat()
    .map((n) => definitions.get(n)?.['x-kubernetes-group-version-kind']?.[0]?.kind);
  for (const k of [
    'Pod',
    'PersistentVolumeClaim',
    'StatefulSet',
    'StatefulSetList',
    'EndpointSlice',
    'StorageClass',
    'Event',
  ])
    assert.ok(kinds.includes(k), k);
  const meta = definitions.get('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  assert.equal(meta?.properties?.creationTimestamp?.format, 'date-time');
  assert.match(meta?.properties?.labels?.description ?? '', /Map of string keys and values/);
  assert.equal(definitions.get('io.k8s.api.core.v1.ContainerPort')?.properties?.containerPort?.format, 'int32');
});

test('the v3 documents hold the schemas explain renders, references wrapped as the apiserver wraps them', () => {
  const doc = JSON.parse(openapiDocument('apis/apps/v1') ?? '{}') as {
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  const sts = doc.components.schemas['io.k8s.api.apps.v1.StatefulSet'];
  assert.deepEqual(sts['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'StatefulSet', version: 'v1' }]);
  const spec = (sts.properties as Record<string, Record<string, unknown>>).spec;
  assert.deepEqual(spec.allOf, [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.StatefulSetSpec' }]);
  assert.ok(doc.components.schemas['io.k8s.api.core.v1.PodSpec'], 'types of other groups the kinds reach');
  assert.equal(doc.components.schemas['io.k8s.api.core.v1.Node'], undefined, 'not types they do not');
});
