/**
 * The served kinds' OpenAPI v2 definitions, built from the generated models of
 * @kubernetes/client-node (which are generated from the apiserver's own spec): property
 * names and types from each model's attributeTypeMap, descriptions and required fields
 * from its declaration file. Definitions are named as the apiserver names them
 * (io.k8s.api.apps.v1.StatefulSetSpec, …), because kubectl explain prints the last segment.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as models from '@kubernetes/client-node';
import { groupVersionPath, RESOURCES, type ResourceType } from '../model/resources';

export interface Schema {
  $ref?: string;
  description?: string;
  type?: string;
  format?: string;
  items?: Schema;
  additionalProperties?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  'x-kubernetes-group-version-kind'?: Gvk[];
}

/** A type alias, not an interface: it must fit JSON-valued records. */
export type Gvk = { group: string; kind: string; version: string };

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const META_TYPES = new Set([
  'ObjectMeta',
  'ListMeta',
  'LabelSelector',
  'LabelSelectorRequirement',
  'ManagedFieldsEntry',
  'OwnerReference',
  'Condition',
  'Status',
  'StatusDetails',
  'StatusCause',
  'DeleteOptions',
  'Preconditions',
]);
/** client-node prefixes a model with its group where two groups share a type name (CoreV1Event). */
const GROUP_PREFIX: Record<string, string> = {
  '': 'Core',
  apps: 'Apps',
  'discovery.k8s.io': 'Discovery',
  'storage.k8s.io': 'Storage',
  'authorization.k8s.io': 'Authorization',
};

function attributesOf(model: string): Attribute[] | undefined {
  const m = (models as Record<string, unknown>)[model] as { attributeTypeMap?: unknown } | undefined;
  return Array.isArray(m?.attributeTypeMap) ? (m.attributeTypeMap as Attribute[]) : undefined;
}

function packageOf(group: string, version: string): string {
  // io.k8s.api.rbac.v1, io.k8s.api.networking.v1: the group's first word.
  const short = group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
  return `io.k8s.api.${short || 'core'}.${version}`;
}

/** The model class of a served kind (and of its list), as client-node names it. */
function modelOf(r: ResourceType, suffix = ''): string | undefined {
  const version = r.version.charAt(0).toUpperCase() + r.version.slice(1);
  const names = [`${GROUP_PREFIX[r.group] ?? ''}${version}${r.kind}${suffix}`, `${version}${r.kind}${suffix}`];
  return names.find((n) => attributesOf(n));
}

const MODEL_DIR = join(dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node')), 'gen', 'models');

interface Docs {
  description?: string;
  fields: Map<string, { description?: string; required: boolean }>;
}

function unescape(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim()
    .replace(/\\(['"\\])/g, '$1');
}

/** Descriptions and required fields, read from the model's declaration file. */
function docsOf(model: string): Docs {
  const fields: Docs['fields'] = new Map();
  let text: string;
  try {
    text = readFileSync(join(MODEL_DIR, `${model}.d.ts`), 'utf8');
  } catch {
    return { fields };
  }
  const head = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export declare class /.exec(text);
  const body = text.slice((head?.index ?? 0) + (head?.[0].length ?? 0));
  for (const m of body.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?'([^']+)'(\??):/g)) {
    fields.set(m[2], { description: m[1] ? unescape(m[1]) : undefined, required: m[3] !== '?' });
  }
  return { description: head?.[1] ? unescape(head[1]) : undefined, fields };
}

/** Builds definitions reachable from the served kinds, each named once, in first-seen order. */
class Builder {
  readonly definitions = new Map<string, Schema>();
  private readonly names = new Map<string, string>();

  nameOf(model: string, pkg: string): string {
    const known = this.names.get(model);
    if (known) return known;
    const m = /^(?:([A-Z][a-z]+)?V\d\w*?)([A-Z]\w*)$/.exec(model);
    const prefixed = m?.[1] ? Object.entries(GROUP_PREFIX).find(([, p]) => p === m[1]) : undefined;
    const short = m?.[2] ?? model;
    const where = META_TYPES.has(short) ? META : prefixed ? packageOf(prefixed[0], 'v1') : pkg;
    const name = `${where}.${short}`;
    this.names.set(model, name);
    return name;
  }

  define(model: string, pkg: string, gvk?: Gvk): string {
    const name = this.nameOf(model, pkg);
    if (this.definitions.has(name)) return name;
    const docs = docsOf(model);
    const schema: Schema = { type: 'object' };
    this.definitions.set(name, schema);
    if (docs.description) schema.description = docs.description;
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const a of attributesOf(model) ?? []) {
      const doc = docs.fields.get(a.baseName);
      const type = this.typeOf(a.type, a.format, pkg);
      const description = doc?.description ?? this.describedBy(type);
      properties[a.baseName] = description ? { ...type, description } : type;
      if (doc?.required) required.push(a.baseName);
    }
    schema.properties = properties;
    if (required.length) schema.required = required.sort();
    if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
    return name;
  }

  /** A field the models leave undescribed is described by the type it refers to, as explain would show. */
  private describedBy(s: Schema): string | undefined {
    const target = s.$ref ?? s.items?.$ref;
    return target ? this.definitions.get(target.slice('#/definitions/'.length))?.description : undefined;
  }

  private typeOf(type: string, format: string, pkg: string): Schema {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return { type: 'array', items: this.typeOf(array[1], format, pkg) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: this.typeOf(map[1], format, pkg) };
    if (format === 'date-time' || format === 'date-time-micro') return { type: 'string', format: 'date-time' };
    if (format === 'int-or-string') return { type: 'string', format: 'int-or-string' };
    if (type === 'number') {
      return format === 'double' ? { type: 'number', format } : { type: 'integer', format: format || 'int32' };
    }
    if (type === 'string') return format ? { type: 'string', format } : { type: 'string' };
    if (type === 'boolean') return { type: 'boolean' };
    if (type === 'any' || !attributesOf(type)) return { type: 'object' };
    return { $ref: `#/definitions/${this.define(type, pkg)}` };
  }
}

function gvkOf(r: ResourceType, kind = r.kind): Gvk {
  return { group: r.group, kind, version: r.version };
}

export interface Definitions {
  definitions: Map<string, Schema>;
  /** Definition names of each group-version's kinds and lists ("api/v1", "apis/apps/v1"). */
  roots: Map<string, string[]>;
}

let built: Definitions | undefined;

/** Every served kind and its list, core kinds first so shared types take the core package. */
export function servedDefinitions(): Definitions {
  if (built) return built;
  const b = new Builder();
  const roots = new Map<string, string[]>();
  for (const r of RESOURCES) {
    const pkg = packageOf(r.group, r.version);
    const path = groupVersionPath(r);
    const names = roots.get(path) ?? [];
    roots.set(path, names);
    const model = modelOf(r);
    if (model) names.push(b.define(model, pkg, gvkOf(r)));
    const list = modelOf(r, 'List');
    if (list) names.push(b.define(list, pkg, gvkOf(r, `${r.kind}List`)));
  }
  built = { definitions: b.definitions, roots };
  return built;
}

/** The definitions a set of roots reaches, for one group-version's document. */
export function closure(roots: string[], definitions: Map<string, Schema>): Map<string, Schema> {
  const out = new Map<string, Schema>();
  const visit = (name: string): void => {
    const s = definitions.get(name);
    if (!s || out.has(name)) return;
    out.set(name, s);
    walk(s);
  };
  const walk = (s: Schema): void => {
    if (s.$ref) visit(s.$ref.slice('#/definitions/'.length));
    if (s.items) walk(s.items);
    if (s.additionalProperties) walk(s.additionalProperties);
    for (const p of Object.values(s.properties ?? {})) walk(p);
  };
  roots.forEach(visit);
  return out;
}
