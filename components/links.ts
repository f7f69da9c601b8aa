import { NODE_KINDS, parseNodeId } from '@/lib/wire/kinds';
import type { GraphNode } from '@/lib/wire/topology';

/** Where a node is best looked at: its own view, or the topology with it selected. */
export function linkFor(n: Pick<GraphNode, 'id' | 'kind' | 'namespace' | 'name'>): string {
  const ns = n.namespace ? encodeURIComponent(n.namespace) : '';
  const name = encodeURIComponent(n.name);
  const select = `select=${encodeURIComponent(n.id)}`;
  switch (NODE_KINDS[n.kind].view) {
    case 'statefulsets':
      return `/statefulsets/${ns}/${name}`;
    case 'services':
      return `/services/${ns}/${name}`;
    case 'pods':
      return `/pods/${ns}/${name}`;
    case 'storage':
      return `/storage?${ns ? `namespace=${ns}&` : ''}${select}`;
    case 'drift':
      return `/drift?namespace=${ns}&source=${encodeURIComponent(n.id)}`;
    case 'topology':
      return `/topology?${ns ? `namespace=${ns}&` : ''}${select}`;
  }
}

/** The same, from a node id alone (`Pod/ns/name`); an unreadable id leads to the topology. */
export function linkForId(id: string): string {
  const ref = parseNodeId(id);
  return ref ? linkFor({ id, ...ref }) : '/topology';
}
