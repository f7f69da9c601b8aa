/**
 * How a pod consumes ConfigMaps and Secrets, described once: env (valueFrom, one key),
 * envFrom (all keys), a volume (all keys, or its items), a subPath mount (one file, copied
 * at start), a projected volume. Only volumes some container mounts count. The `config`
 * index of pods, drift and the graph's `mounts` edges all read this.
 */

import type { Consumption } from '@/lib/wire/topology';
import type { Pod } from './types';

export interface Consumed {
  source: string; // ConfigMap/ns/name | Secret/ns/name
  mode: Consumption;
  keys?: string[]; // only these keys matter (env valueFrom, items); undefined: all keys
}

/**
 * What a pod spec consumes, by the spec: facts share an unchanged spec across a pod's versions
 * (facts.ts), and a pod's status changes far more often than what it consumes.
 */
const bySpec = new WeakMap<
  Pod['spec'],
  { ns: string | undefined; consumed: readonly Consumed[]; sources: readonly string[] }
>();

function consumedBy(p: Pod): { consumed: readonly Consumed[]; sources: readonly string[] } {
  const ns = p.metadata.namespace;
  const hit = bySpec.get(p.spec);
  if (hit && hit.ns === ns) return hit;
  const consumed = Object.freeze(consumptionsOf(p));
  const entry = { ns, consumed, sources: Object.freeze([...new Set(consumed.map((c) => c.source))]) };
  if (typeof p.spec === 'object' && p.spec !== null) bySpec.set(p.spec, entry);
  return entry;
}

/** Every way a pod consumes ConfigMaps and Secrets (shared: not to be changed). */
export function consumptions(p: Pod): readonly Consumed[] {
  return consumedBy(p).consumed;
}

function consumptionsOf(p: Pod): Consumed[] {
  const ns = p.metadata.namespace;
  const out = new Map<string, Consumed>();
  const add = (c: Consumed) => {
    const k = `${c.source}|${c.mode}`;
    const prev = out.get(k);
    out.set(k, prev ? { ...prev, keys: prev.keys && c.keys ? [...new Set([...prev.keys, ...c.keys])] : undefined } : c);
  };
  const containers = [...(p.spec.containers ?? []), ...(p.spec.initContainers ?? [])];
  const volumes = new Map((p.spec.volumes ?? []).map((v) => [v.name, v]));
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const sec = e.valueFrom?.secretKeyRef;
      if (cm?.name) add({ source: `ConfigMap/${ns}/${cm.name}`, mode: 'env', keys: cm.key ? [cm.key] : undefined });
      if (sec?.name) add({ source: `Secret/${ns}/${sec.name}`, mode: 'env', keys: sec.key ? [sec.key] : undefined });
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) add({ source: `ConfigMap/${ns}/${e.configMapRef.name}`, mode: 'envFrom' });
      if (e.secretRef?.name) add({ source: `Secret/${ns}/${e.secretRef.name}`, mode: 'envFrom' });
    }
    for (const m of c.volumeMounts ?? []) {
      const v = volumes.get(m.name);
      if (!v) continue;
      const sub = m.subPath || m.subPathExpr;
      if (v.configMap?.name)
        add({
          source: `ConfigMap/${ns}/${v.configMap.name}`,
          mode: sub ? 'subPath' : 'volume',
          keys: sub ? [itemKey(v.configMap.items, sub)] : v.configMap.items?.map((i) => i.key),
        });
      if (v.secret?.secretName)
        add({
          source: `Secret/${ns}/${v.secret.secretName}`,
          mode: sub ? 'subPath' : 'volume',
          keys: sub ? [itemKey(v.secret.items, sub)] : v.secret.items?.map((i) => i.key),
        });
      for (const src of v.projected?.sources ?? []) {
        if (src.configMap?.name)
          add({
            source: `ConfigMap/${ns}/${src.configMap.name}`,
            mode: 'projected',
            keys: src.configMap.items?.map((i) => i.key),
          });
        if (src.secret?.name)
          add({
            source: `Secret/${ns}/${src.secret.name}`,
            mode: 'projected',
            keys: src.secret.items?.map((i) => i.key),
          });
      }
    }
  }
  return [...out.values()];
}

function itemKey(items: Array<{ key: string; path: string }> | undefined, subPath: string): string {
  return items?.find((i) => i.path === subPath)?.key ?? subPath.split('/')[0];
}

/** The sources a pod consumes, each once: `ConfigMap/ns/name` / `Secret/ns/name`. */
export function configSources(p: Pod): string[] {
  return [...consumedBy(p).sources];
}
