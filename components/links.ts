import type { GraphEdge, GraphNode } from '@/lib/wire/topology';

/** Where a node is best looked at: its own view, or the topology with it selected. */
export function linkFor(n: Pick<GraphNode, 'id' | 'kind' | 'namespace' | 'name'>, edges?: GraphEdge[]): string {
  const ns = n.namespace ? encodeURIComponent(n.namespace) : '';
  const name = encodeURIComponent(n.name);
  switch (n.kind) {
    case 'StatefulSet':
      return `/statefulsets/${ns}/${name}`;
    case 'Service':
      return `/services/${ns}/${name}`;
    case 'Pod': {
      const owner = edges?.find((e) => e.kind === 'owns' && e.target === n.id)?.source;
      if (owner) {
        const [, ons, oname] = owner.split('/');
        return `/statefulsets/${encodeURIComponent(ons)}/${encodeURIComponent(oname)}`;
      }
      return `/topology?namespace=${ns}&select=${encodeURIComponent(n.id)}`;
    }
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
    case 'StorageClass':
      return `/storage?${ns ? `namespace=${ns}&` : ''}select=${encodeURIComponent(n.id)}`;
    case 'ConfigMap':
    case 'Secret':
      return `/drift?namespace=${ns}&source=${encodeURIComponent(n.id)}`;
    default:
      return `/topology?${ns ? `namespace=${ns}&` : ''}select=${encodeURIComponent(n.id)}`;
  }
}
