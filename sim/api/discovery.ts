import { apiVersionOf, groups, RESOURCES, type ResourceType } from '../model/resources';
import type { JsonObject } from '../model/types';

/** Legacy (non-aggregated) discovery documents; kubectl falls back to them. */
export function versionInfo(): JsonObject {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.4-ordinal-sim',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(): JsonObject {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map((g) => apiGroup(g.name, g.version)) };
}

export function apiGroup(name: string, version: string): JsonObject {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { kind: 'APIGroup', apiVersion: 'v1', name, versions: [gv], preferredVersion: gv };
}

/** How discovery announces each subresource, as the apiserver does. */
const SUBRESOURCES: Record<ResourceType['subresources'][number], (r: ResourceType) => JsonObject> = {
  status: (r) => ({ kind: r.kind, verbs: ['get', 'patch', 'update'] }),
  scale: () => ({ group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }),
  token: () => ({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }),
  log: () => ({ kind: 'Pod', verbs: ['get'] }),
};

export function resourceList(group: string, version: string): JsonObject | undefined {
  const rows = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rows.length === 0) return undefined;
  const resources: JsonObject[] = [];
  for (const r of rows) {
    resources.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresources) {
      resources.push({
        name: `${r.resource}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...SUBRESOURCES[sub](r),
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(rows[0]), resources };
}
