'use client';

import { useEffect, useRef, useState } from 'react';
import { layout, type LayoutInput, type LayoutResult } from './layout';

const WORKER_THRESHOLD = 400;

type Input = Omit<LayoutInput, 'previous'>;

/**
 * Positions for the drawn graph: in a Web Worker for large graphs, inline for small
 * ones; each run is seeded with the previous positions so the picture stays put.
 * While a new layout is computed the previous one is kept on screen; `current` says
 * whether `layout` belongs to this very input (a first view must wait for that).
 */
export function useLayout(input: Input): { layout?: LayoutResult; current: boolean } {
  const [state, setState] = useState<{ result: LayoutResult; input: Input }>();
  const previous = useRef<LayoutResult['positions']>({});
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    return () => worker.current?.terminate();
  }, []);

  useEffect(() => {
    const job = { ...input, previous: previous.current };
    const done = (r: LayoutResult) => {
      previous.current = r.positions;
      setState({ result: r, input });
    };
    if (input.nodes.length < WORKER_THRESHOLD || typeof Worker === 'undefined') {
      done(layout(job));
      return;
    }
    if (!worker.current)
      worker.current = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    const mine = ++seq.current;
    const w = worker.current;
    const onMessage = (e: MessageEvent<{ seq: number; result: LayoutResult }>) => {
      if (e.data.seq === mine) done(e.data.result);
    };
    w.addEventListener('message', onMessage);
    w.postMessage({ seq: mine, input: job });
    return () => w.removeEventListener('message', onMessage);
  }, [input]);

  return { layout: state?.result, current: state?.input === input };
}
