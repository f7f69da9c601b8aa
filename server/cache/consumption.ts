import type { Consumption } from '@/lib/wire/topology';
import type { Pod } from './types';

/**
 * How a pod consumes ConfigMaps and Secrets, described once: env (valueFrom, one key),
 * envFrom (all keys), a volume (all keys, or its items), a subPath mount (one file, copied
 * at start), a projected volume. Only volumes some container mounts count. The `config`
 * index of pods, drift and the graph's `mounts` edges all read this.
 */
export interface Consumed {
  source: string; // ConfigMap/ns/name | Secret/ns/name
  mode: Consumption;
  keys?: string[]; // only these keys matter (env valueFrom, items); undefined: all keys
}

/** Every way a pod consumes ConfigMaps and Secrets. */
export function consumptions(p: Pod): Consumed[] {
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
      if (v.configMap?.name) add({ source: `ConfigMap/${ns}/${v.configMap.name}`, mode: sub ? 'subPath' : 'volume', keys: sub ? [itemKey(v.configMap.items, sub)] : v.configMap.items?.map((i) => i.key) });
      if (v.secret?.secretName) add({ source: `Secret/${ns}/${v.secret.secretName}`, mode: sub ? 'subPath' : 'volume', keys: sub ? [itemKey(v.secret.items, sub)] : v.secret.items?.map((i) => i.key) });
      for (const src of v.projected?.sources ?? []) {
        if (src.configMap?.name) add({ source: `ConfigMap/${ns}/${src.configMap.name}`, mode: 'projected', keys: src.configMap.items?.map((i) => i.key) });
        if (src.secret?.name) add({ source: `Secret/${ns}/${src.secret.name}`, mode: 'projected', keys: src.secret.items?.map((i) => i.key) });
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
  return [...new Set(consumptions(p).map((c) => c.source))];
}
