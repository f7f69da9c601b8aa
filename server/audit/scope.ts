/**
 * What one reader of the history may read (reader.ts): one cluster's entries, and of those the
 * kinds and namespaces a viewer may list today. Every query of the history takes one; there is
 * no read without it.
 */

import type { HistoryVisibility } from './schema';

export interface HistoryScope {
  /** One cluster's entries; null only for a file handed to the audit CLI, read whole by its holder. */
  readonly cluster: string | null;
  /** The viewer's kinds everywhere and per namespace; null: every kind everywhere. */
  readonly visible: HistoryVisibility | null;
}

/** A dashboard's cluster, as a viewer who may list everything there sees it. */
export function clusterScope(cluster: string): HistoryScope {
  return { cluster, visible: null };
}

/** The whole file, every cluster it records: the audit CLI's, for whoever holds the file. */
export const WHOLE_FILE: HistoryScope = { cluster: null, visible: null };

/** May this scope read an entry of this cluster, kind and namespace? The SQL condition's twin (reads.ts). */
export function scopeHas(
  s: HistoryScope,
  e: { cluster: string; kind: string; namespace: string | null | undefined },
): boolean {
  if (s.cluster !== null && e.cluster !== s.cluster) return false;
  return s.visible === null || isVisible(s.visible, e.kind, e.namespace);
}

export function isVisible(v: HistoryVisibility, kind: string, namespace: string | null | undefined): boolean {
  if (v.everywhere.includes(kind)) return true;
  return !!namespace && v.inNamespace.some(([ns, kinds]) => ns === namespace && kinds.includes(kind));
}

/** Does the viewer see a kind at all (everywhere or in some namespace)? Coverage marks follow it. */
export function seesKind(s: HistoryScope, kind: string): boolean {
  const v = s.visible;
  return v === null || v.everywhere.includes(kind) || v.inNamespace.some(([, kinds]) => kinds.includes(kind));
}
