import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isObject } from './model/meta';
import { resourceForKind, type ResourceType } from './model/resources';
import type { KubeObject } from './model/types';
import { resources } from './registry/lookup';
import type { Registry } from './registry/registry';

/** Thrown for a file that cannot be read as Kubernetes objects; names the file and why. */
export class LoadError extends Error {}

export interface LoadReport {
  loaded: number;
  skipped: Map<string, number>; // "apiVersion/Kind" the sim does not serve -> count
}

function filesUnder(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new LoadError(`--load ${path}: no such file or directory`);
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((e) => {
      const p = join(path, e);
      if (statSync(p).isDirectory()) return filesUnder(p);
      return ['.yaml', '.yml', '.json'].includes(extname(e)) ? [p] : [];
    });
}

/** Documents of a file: multi-document YAML or JSON; `List` and `*List` expanded. */
export function parseObjects(text: string, source: string): KubeObject[] {
  const out: KubeObject[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) throw new LoadError(`${source}: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (!isObject(value)) throw new LoadError(`${source}: a document is not a Kubernetes object`);
    out.push(...expand(value as unknown as KubeObject, source));
  }
  return out;
}

function expand(o: KubeObject, source: string): KubeObject[] {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) {
    const items = (o as unknown as { items: unknown[] }).items;
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    return items.flatMap((item) => {
      if (!isObject(item)) throw new LoadError(`${source}: a list item is not an object`);
      const filled = {
        ...(itemKind ? { kind: itemKind, apiVersion: o.apiVersion } : {}),
        ...item,
      } as unknown as KubeObject;
      return expand(filled, source);
    });
  }
  if (!kind || typeof o.apiVersion !== 'string') throw new LoadError(`${source}: object without apiVersion/kind`);
  if (!isObject(o.metadata) || typeof o.metadata.name !== 'string' || !o.metadata.name) {
    throw new LoadError(`${source}: ${kind} without metadata.name`);
  }
  return [o];
}

const ORDER = (r: ResourceType): number => (r === resources.namespaces ? 0 : !r.namespaced ? 1 : 2);

/**
 * Loads files and directories into the store as given: status, uid, timestamps and
 * managedFields kept; resourceVersions re-stamped. Namespaces referenced but not
 * present are created. Kinds the sim does not serve are skipped and reported.
 */
export function loadPaths(registry: Registry, paths: string[]): LoadReport {
  const report: LoadReport = { loaded: 0, skipped: new Map() };
  const objects: Array<{ r: ResourceType; o: KubeObject }> = [];
  for (const path of paths) {
    for (const file of filesUnder(path)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new LoadError(`${file}: ${(e as Error).message}`);
      }
      for (const o of parseObjects(text, file)) {
        const r = resourceForKind(o.apiVersion, o.kind);
        if (!r || r.virtual) {
          const k = `${o.apiVersion}/${o.kind}`;
          report.skipped.set(k, (report.skipped.get(k) ?? 0) + 1);
        } else objects.push({ r, o });
      }
    }
  }
  objects.sort((a, b) => ORDER(a.r) - ORDER(b.r));
  for (const { r, o } of objects) {
    const ns = r.namespaced ? (o.metadata.namespace ?? 'default') : undefined;
    if (ns && !registry.find(resources.namespaces, undefined, ns))
      registry.create(resources.namespaces, undefined, { metadata: { name: ns } }, { manager: 'sim-load' });
    registry.restore(r, o);
    report.loaded++;
  }
  return report;
}
