/**
 * Everything the two renderers (SVG, canvas) write on the graph, in the reader's language, and
 * fitted by width for it (measure.ts). Made from the page's Words; pure, so paint.ts stays testable.
 */

import type { DrawnNode } from '@/lib/wire/group';
import type { EdgeKind, Health } from '@/lib/wire/topology';
import { HEALTH_RANK } from '@/lib/wire/health';
import type { Words } from '../i18n/words';
import { fitName, fitText } from './measure';
import { CLUSTER_BAND } from './layout';
import type { BandCount } from './shapes';

export interface GraphLabels {
  locale: string;
  /** The graph's own name (the SVG's label). */
  graph: string;
  /** The hidden list mirroring a canvas: all drawn nodes, or the worst `listed` of `total`. */
  listLabel(listed: number, total: number): string;
  /** A node's second line: its reason (first finding), else its facts. */
  subtitle(n: DrawnNode): string;
  /** What a screen reader hears of a node, and its tooltip. */
  nodeLabel(n: DrawnNode, stale: boolean): string;
  bandTitle(namespace: string, c: BandCount | undefined): string;
  edgesHidden(count: number): string;
  edge(kind: EdgeKind): string;
  staleText: string;
  staleBadge: string;
  /** `s` cut to `maxPx` in `font`, as this locale's text measures. */
  fit(s: string, maxPx: number, font: string): string;
  /** A name cut to `maxPx` in `font` in the middle, so its ordinal suffix stays. */
  fitName(s: string, maxPx: number, font: string): string;
}

const countsText = (words: Words, c: Partial<Record<Health, number>>): string =>
  words.join(
    (Object.keys(c) as Health[])
      .sort((a, b) => HEALTH_RANK[b] - HEALTH_RANK[a])
      .map((s) => words.t('topology.groupCount', { count: c[s] ?? 0, status: words.t(`health.${s}`) })),
  );

function facts(words: Words, n: DrawnNode): string {
  const t = words.t;
  switch (n.kind) {
    case 'Group':
      return t('topology.group', { members: n.members, counts: countsText(words, n.counts) });
    case 'Pod':
      return t('topology.sub.pod', { phase: n.info.phase, ready: String(n.info.ready) });
    case 'StatefulSet':
      return t('topology.sub.statefulSet', { ready: n.info.ready, replicas: n.info.replicas });
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      return t('topology.sub.storage', { phase: n.info.phase, capacity: n.info.capacity });
    case 'Service':
      return t('topology.sub.service', { ready: n.info.ready, endpoints: n.info.endpoints });
    default:
      return n.kind;
  }
}

export function graphLabels(words: Words): GraphLabels {
  const t = words.t;
  const staleText = t('topology.staleText');
  const subtitle = (n: DrawnNode) =>
    n.kind !== 'Group' && n.findings?.length ? (words.reason(n) ?? '') : facts(words, n);
  return {
    locale: words.locale,
    graph: t('topology.graph'),
    listLabel: (listed, total) =>
      listed < total ? t('topology.worstNodes', { listed, total }) : t('topology.drawnNodes'),
    subtitle,
    nodeLabel: (n, stale) =>
      t('topology.nodeLabel', {
        kind: n.kind,
        name: n.namespace ? `${n.namespace}/${n.name}` : n.name,
        status: t(`health.${n.status}`),
        reason: n.kind === 'Group' ? facts(words, n) : (words.reason(n) ?? 'absent'),
        stale: String(stale),
        staleText,
      }),
    bandTitle: (namespace, c) => {
      const ns = namespace === CLUSTER_BAND ? t('topology.cluster') : namespace;
      return c ? t('topology.band', { namespace: ns, objects: c.objects, problems: c.problems }) : ns;
    },
    edgesHidden: (count) => t('topology.edgesHidden', { count: words.number(count) }),
    edge: (kind) => t(`topology.edge.${kind}`),
    staleText,
    staleBadge: t('topology.staleBadge'),
    fit: (s, maxPx, font) => fitText(s, maxPx, font, words.locale),
    fitName: (s, maxPx, font) => fitName(s, maxPx, font, words.locale),
  };
}
