'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { byHealthThenId } from '@/lib/wire/health';
import { NODE_KIND_LIST } from '@/lib/wire/kinds';
import { nodesOf, type NodeKind, type NodeOf } from '@/lib/wire/topology';
import { useLiveTopology } from '../data/hooks';
import { Paged } from './ShowMore';
import { Empty, ErrorPanel, Loading } from './States';

/** Each kind as a constant one-kind list: the server sends a list page its kind only. */
const ONE_KIND = Object.fromEntries(NODE_KIND_LIST.map((k) => [k, [k]])) as Record<NodeKind, NodeKind[]>;

/** The live nodes of one kind in the URL's namespace, worst first; loading, error and empty states handled. */
export function LiveKindList<K extends NodeKind>({
  kind,
  children,
}: {
  kind: K;
  children: (nodes: NodeOf<K>[]) => ReactNode;
}) {
  const ns = useSearchParams().get('namespace') ?? undefined;
  const t = useTranslations();
  const k: NodeKind = kind;
  const plural = t(`kinds.${k}.other`);
  const { data, error, isPending } = useLiveTopology(ns, ONE_KIND[kind]);
  if (isPending) return <Loading what={plural} />;
  if (error || !data) return <ErrorPanel error={error} />;
  const nodes = nodesOf(data.nodes, kind).sort(byHealthThenId);
  if (nodes.length === 0) return <Empty>{t('list.empty', { what: plural, namespace: ns ?? 'absent' })}</Empty>;
  return (
    <Paged items={nodes} what={plural}>
      {children}
    </Paged>
  );
}
