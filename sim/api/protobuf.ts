import type { JsonObject, JsonValue } from '../model/types';

/**
 * Decodes the Kubernetes protobuf encoding (a `k8s\0`-prefixed runtime.Unknown
 * envelope) for the kinds kubectl's typed clients send that way: `kubectl create
 * namespace|configmap|secret|service|serviceaccount|token|clusterrole|role|…binding` and `kubectl auth
 * can-i`. Field numbers follow k8s.io/api generated.proto.
 */
export class ProtobufError extends Error {}

type Field =
  | { name: string; type: 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'intstr'; repeated?: boolean }
  | { name: string; type: 'message'; msg: Message; repeated?: boolean }
  | { name: string; type: 'map'; value: 'string' | 'bytes' };
type Message = Record<number, Field>;

const TYPE_META: Message = { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } };
const UNKNOWN: Message = {
  1: { name: 'typeMeta', type: 'message', msg: TYPE_META },
  2: { name: 'raw', type: 'bytes' },
  3: { name: 'contentEncoding', type: 'string' },
  4: { name: 'contentType', type: 'string' },
};
const OWNER_REF: Message = {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' },
};
const OBJECT_META: Message = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: 'time' },
  11: { name: 'labels', type: 'map', value: 'string' },
  12: { name: 'annotations', type: 'map', value: 'string' },
  13: { name: 'ownerReferences', type: 'message', msg: OWNER_REF, repeated: true },
  14: { name: 'finalizers', type: 'string', repeated: true },
};
const SERVICE_PORT: Message = {
  1: { name: 'name', type: 'string' },
  2: { name: 'protocol', type: 'string' },
  3: { name: 'port', type: 'int' },
  4: { name: 'targetPort', type: 'intstr' },
  5: { name: 'nodePort', type: 'int' },
  6: { name: 'appProtocol', type: 'string' },
};
const SERVICE_SPEC: Message = {
  1: { name: 'ports', type: 'message', msg: SERVICE_PORT, repeated: true },
  2: { name: 'selector', type: 'map', value: 'string' },
  3: { name: 'clusterIP', type: 'string' },
  4: { name: 'type', type: 'string' },
  5: { name: 'externalIPs', type: 'string', repeated: true },
  7: { name: 'sessionAffinity', type: 'string' },
  10: { name: 'externalName', type: 'string' },
  13: { name: 'publishNotReadyAddresses', type: 'bool' },
  18: { name: 'clusterIPs', type: 'string', repeated: true },
};
const RESOURCE_ATTRIBUTES: Message = {
  1: { name: 'namespace', type: 'string' },
  2: { name: 'verb', type: 'string' },
  3: { name: 'group', type: 'string' },
  4: { name: 'version', type: 'string' },
  5: { name: 'resource', type: 'string' },
  6: { name: 'subresource', type: 'string' },
  7: { name: 'name', type: 'string' },
};
const STRINGS = (name: string): Field => ({ name, type: 'string', repeated: true });
const POLICY_RULE: Message = {
  1: STRINGS('verbs'),
  2: STRINGS('apiGroups'),
  3: STRINGS('resources'),
  4: STRINGS('resourceNames'),
  5: STRINGS('nonResourceURLs'),
};
const SUBJECT: Message = {
  1: { name: 'kind', type: 'string' },
  2: { name: 'apiGroup', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'namespace', type: 'string' },
};
const ROLE_REF: Message = {
  1: { name: 'apiGroup', type: 'string' },
  2: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
};
const ROLE: Message = {
  1: { name: 'metadata', type: 'message', msg: OBJECT_META },
  2: { name: 'rules', type: 'message', msg: POLICY_RULE, repeated: true },
};
const BINDING: Message = {
  1: { name: 'metadata', type: 'message', msg: OBJECT_META },
  2: { name: 'subjects', type: 'message', msg: SUBJECT, repeated: true },
  3: { name: 'roleRef', type: 'message', msg: ROLE_REF },
};
const NON_RESOURCE_ATTRIBUTES: Message = { 1: { name: 'path', type: 'string' }, 2: { name: 'verb', type: 'string' } };
const KINDS: Record<string, Message> = {
  ClusterRole: ROLE,
  Role: ROLE,
  ClusterRoleBinding: BINDING,
  RoleBinding: BINDING,
  ServiceAccount: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    4: { name: 'automountServiceAccountToken', type: 'bool' },
  },
  TokenRequest: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: {
      name: 'spec',
      type: 'message',
      msg: { 1: STRINGS('audiences'), 4: { name: 'expirationSeconds', type: 'int' } },
    },
  },
  SelfSubjectReview: { 1: { name: 'metadata', type: 'message', msg: OBJECT_META } },
  TokenReview: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: { name: 'spec', type: 'message', msg: { 1: { name: 'token', type: 'string' }, 2: STRINGS('audiences') } },
  },
  SubjectAccessReview: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: {
      name: 'spec',
      type: 'message',
      msg: {
        1: { name: 'resourceAttributes', type: 'message', msg: RESOURCE_ATTRIBUTES },
        2: { name: 'nonResourceAttributes', type: 'message', msg: NON_RESOURCE_ATTRIBUTES },
        3: { name: 'user', type: 'string' },
        4: STRINGS('groups'),
        6: { name: 'uid', type: 'string' },
      },
    },
  },
  SelfSubjectAccessReview: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: {
      name: 'spec',
      type: 'message',
      msg: {
        1: { name: 'resourceAttributes', type: 'message', msg: RESOURCE_ATTRIBUTES },
        2: {
          name: 'nonResourceAttributes',
          type: 'message',
          msg: { 1: { name: 'path', type: 'string' }, 2: { name: 'verb', type: 'string' } },
        },
      },
    },
  },
  ConfigMap: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: { name: 'data', type: 'map', value: 'string' },
    3: { name: 'binaryData', type: 'map', value: 'bytes' },
    4: { name: 'immutable', type: 'bool' },
  },
  Secret: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: { name: 'data', type: 'map', value: 'bytes' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'map', value: 'string' },
    5: { name: 'immutable', type: 'bool' },
  },
  Namespace: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: { name: 'spec', type: 'message', msg: { 1: { name: 'finalizers', type: 'string', repeated: true } } },
  },
  Service: {
    1: { name: 'metadata', type: 'message', msg: OBJECT_META },
    2: { name: 'spec', type: 'message', msg: SERVICE_SPEC },
  },
};

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new ProtobufError('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ProtobufError('varint too long');
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw new ProtobufError('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
}

function scalar(f: Field, r: Reader, wire: number): JsonValue {
  switch (f.type) {
    case 'string':
      return r.bytes().toString('utf8');
    case 'bytes':
      return r.bytes().toString('base64');
    case 'int':
      return Number(BigInt.asIntN(64, r.varint()));
    case 'bool':
      return r.varint() !== 0n;
    case 'time': {
      const t = decode(r.bytes(), { 1: { name: 's', type: 'int' } });
      return new Date(Number(t.s ?? 0) * 1000).toISOString().replace('.000Z', 'Z');
    }
    case 'intstr': {
      const v = decode(r.bytes(), {
        1: { name: 'type', type: 'int' },
        2: { name: 'intVal', type: 'int' },
        3: { name: 'strVal', type: 'string' },
      });
      return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    }
    default:
      r.skip(wire);
      return null;
  }
}

function decode(buf: Buffer, msg: Message): JsonObject {
  const r = new Reader(buf);
  const out: JsonObject = {};
  while (!r.done) {
    const tag = Number(r.varint());
    const [no, wire] = [tag >>> 3, tag & 7];
    const f = msg[no];
    if (!f) {
      r.skip(wire);
      continue;
    }
    let value: JsonValue;
    if (f.type === 'map') {
      const entry = decode(r.bytes(), { 1: { name: 'k', type: 'string' }, 2: { name: 'v', type: f.value } });
      const m = (out[f.name] ?? {}) as JsonObject;
      m[String(entry.k ?? '')] = entry.v ?? '';
      out[f.name] = m;
      continue;
    }
    if (f.type === 'message') value = decode(r.bytes(), f.msg);
    else if (f.repeated && wire === 2 && f.type === 'int') value = 0;
    else value = scalar(f, r, wire);
    if (f.repeated) out[f.name] = [...((out[f.name] as JsonValue[] | undefined) ?? []), value];
    else if (value !== '' && value !== 0 && value !== false) out[f.name] = value; // Go's omitempty
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function decodeK8sProtobuf(body: Buffer): JsonObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw new ProtobufError('not a Kubernetes protobuf message (missing k8s magic prefix)');
  const unknown = decode(body.subarray(4), UNKNOWN);
  const tm = (unknown.typeMeta ?? {}) as JsonObject;
  const kind = String(tm.kind ?? '');
  const schema = KINDS[kind];
  if (!schema)
    throw new ProtobufError(
      `protobuf bodies are accepted for ${Object.keys(KINDS).join(', ')} only, not ${kind || 'this kind'}; send JSON`,
    );
  const raw = Buffer.from(String(unknown.raw ?? ''), 'base64');
  return { apiVersion: String(tm.apiVersion ?? 'v1'), kind, ...decode(raw, schema) };
}
