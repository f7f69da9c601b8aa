'use client';

import { useEffect, useRef, useState } from 'react';
import type { DrawnNode } from '@/lib/wire/group';

/** Nodes that just disappeared, kept for `ms` so they can fade out where they stood. */
export function useLeaving(
  nodes: DrawnNode[],
  positions: Record<string, { x: number; y: number }> | undefined,
  ms = 600,
) {
  const last = useRef<Map<string, { node: DrawnNode; pos: { x: number; y: number } }>>(new Map());
  const [leaving, setLeaving] = useState<Array<{ node: DrawnNode; pos: { x: number; y: number } }>>([]);
  useEffect(() => {
    if (!positions) return;
    const now = new Map(nodes.filter((n) => positions[n.id]).map((n) => [n.id, { node: n, pos: positions[n.id] }]));
    const gone = [...last.current.entries()].filter(([id]) => !now.has(id)).map(([, v]) => v);
    last.current = now;
    if (gone.length === 0) return;
    setLeaving((l) => [...l, ...gone]);
    const t = setTimeout(() => setLeaving((l) => l.filter((x) => !gone.includes(x))), ms);
    return () => clearTimeout(t);
  }, [nodes, positions, ms]);
  return leaving;
}
