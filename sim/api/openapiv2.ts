/**
 * /openapi/v2 as the apiserver serves it: JSON, or the gnostic OpenAPIv2 protobuf
 * (application/com.github.proto-openapi.spec.v2@v1.0+protobuf) that kubectl asks for when
 * it validates a file client-side, as it does for `kind: List` files. Only definitions are
 * served: kubectl reads paths from /openapi/v3.
 */

import { stringify } from 'yaml';
import { servedDefinitions, type Schema } from './schemas';

const PROTOBUF_TYPES = [
  'com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'com.github.proto-openapi.spec.v2.v1.0+protobuf',
];
/** What the apiserver answers with for either accepted spelling ('@' is not a valid media type character). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const INFO = { title: 'Kubernetes', version: 'v1.32.4' };

/** A protobuf writer for the message shapes below: length-delimited fields and repeated strings. */
class Writer {
  private readonly parts: Buffer[] = [];

  private varint(n: number): void {
    const bytes: number[] = [];
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
    this.parts.push(Buffer.from(bytes));
  }

  bytes(field: number, value: Buffer): this {
    this.varint((field << 3) | 2);
    this.varint(value.length);
    this.parts.push(value);
    return this;
  }

  string(field: number, value: string | undefined): this {
    return value === undefined || value === '' ? this : this.bytes(field, Buffer.from(value, 'utf8'));
  }

  message(field: number, value: Writer | undefined): this {
    return value ? this.bytes(field, value.finish()) : this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** openapi.v2.NamedAny{name=1, value=2: Any{yaml=2}}: vendor extensions carry their value as YAML. */
function namedAny(name: string, value: unknown): Writer {
  return new Writer().string(1, name).message(2, new Writer().string(2, stringify(value)));
}

/** openapi.v2.Schema, field numbers of gnostic's OpenAPIv2.proto. */
function schema(s: Schema): Writer {
  const w = new Writer().string(1, s.$ref).string(2, s.format).string(4, s.description);
  for (const r of s.required ?? []) w.string(19, r);
  if (s.additionalProperties) w.message(21, new Writer().message(1, schema(s.additionalProperties)));
  if (s.type) w.message(22, new Writer().string(1, s.type));
  if (s.items) w.message(23, new Writer().message(1, schema(s.items)));
  if (s.properties) {
    const props = new Writer();
    for (const [name, p] of Object.entries(s.properties)) {
      props.message(1, new Writer().string(1, name).message(2, schema(p)));
    }
    w.message(25, props);
  }
  const gvk = s['x-kubernetes-group-version-kind'];
  if (gvk) w.message(31, namedAny('x-kubernetes-group-version-kind', gvk));
  return w;
}

let cached: { json: string; protobuf: Buffer } | undefined;

function build(): { json: string; protobuf: Buffer } {
  const { definitions } = servedDefinitions();
  const defs = new Writer();
  for (const [name, s] of definitions) defs.message(1, new Writer().string(1, name).message(2, schema(s)));
  const protobuf = new Writer()
    .string(1, '2.0')
    .message(2, new Writer().string(1, INFO.title).string(2, INFO.version))
    .message(8, new Writer())
    .message(9, defs)
    .finish();
  const json = JSON.stringify({ swagger: '2.0', info: INFO, paths: {}, definitions: Object.fromEntries(definitions) });
  return { json, protobuf };
}

/** The v2 document in the encoding the Accept header asks for (protobuf only when asked). */
export function openapiV2(accept: string | undefined): { body: string | Buffer; contentType: string } {
  cached ??= build();
  if (PROTOBUF_TYPES.some((t) => (accept ?? '').includes(t))) {
    return { body: cached.protobuf, contentType: OPENAPI_V2_PROTOBUF };
  }
  return { body: cached.json, contentType: 'application/json' };
}
