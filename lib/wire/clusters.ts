/**
 * Several clusters side by side: a cluster's pages and API are under `/c/{cluster}/…` (the name
 * URI-encoded), the default cluster's also at today's URLs. The edge takes the segment off and
 * names the cluster to Next in `x-ordinal-cluster` (a client's is dropped).
 */

export const CLUSTER_HEADER = 'x-ordinal-cluster';

/** What `/api/v1/clusters` says of each: `idle` (not started: started on first use), then as its informers are. */
export type ClusterState = 'idle' | 'syncing' | 'synced' | 'partial' | 'unreachable' | 'error';

export interface ClusterInfo {
  name: string;
  state: ClusterState;
  /** The API server's URL: only to an admin of the cluster (or with no sign-in configured). */
  server?: string;
  /** The one today's URLs show. */
  default?: boolean;
  /** Why it is in error or unreachable. */
  message?: string;
}

export interface ClusterList {
  clusters: ClusterInfo[];
}

/** A context name as a cluster name: printable, no control characters, at most 253 characters. */
export function isClusterName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && !/[\u0000-\u001f\u007f]/.test(name);
}

/** The path prefix of a cluster's pages: '' for the default one. */
export function clusterPrefix(name: string, isDefault: boolean): string {
  return isDefault ? '' : `/c/${encodeURIComponent(name)}`;
}
