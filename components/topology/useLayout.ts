'use client';

import { useEffect, useRef, useState } from 'react';
import { layout, type LayoutInput, type LayoutResult } from './layout';

const WORKER_THRESHOLD = 400;

/**
 * Positions for the drawn graph: in a Web Worker for large graphs, inline for small
 * ones; each run is seeded with the previous positions so the picture stays put.
 */
export function useLayout(input: Omit<LayoutInput, 'previous'>): LayoutResult | undefined {
  const [result, setResult] = useState<LayoutResult>();
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
      setResult(r);
    };
    if (input.nodes.length < WORKER_THRESHOLD || typeof Worker === 'undefined') {
      done(layout(job));
      return;
    }
    if (!worker.current) worker.current = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    const mine = ++seq.current;
    const w = worker.current;
    const onMessage = (e: MessageEvent<{ seq: number; result: LayoutResult }>) => {
      if (e.data.seq === mine) done(e.data.result);
    };
    w.addEventListener('message', onMessage);
    w.postMessage({ seq: mine, input: job });
    return () => w.removeEventListener('message', onMessage);
  }, [input]);

  return result;
}
