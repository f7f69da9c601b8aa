'use client';

import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { NODE_H, NODE_W, type LayoutResult } from './layout';
import { fitAll, initialView, MIN_K, reveal, type View } from './viewport';

/**
 * The graph's camera: d3-zoom on the box element (pan, wheel zoom), the current transform,
 * Fit, and focusing a node. The first layout that belongs to the drawn graph sets the first
 * view (the selected node, else the whole graph when legible); later layouts keep the
 * user's view; a new selection brings its node into view with the least panning (`reveal`).
 */
export function useZoomCamera(layout: LayoutResult | undefined, layoutCurrent: boolean, selected: string | null) {
  // The box appears only once data has loaded: zoom attaches when the element does.
  const [boxEl, setBoxEl] = useState<HTMLDivElement | null>(null);
  const zoomer = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const [transform, setTransform] = useState<View>({ x: 40, y: 40, k: 1 });
  const fitted = useRef(false);

  useEffect(() => {
    if (!boxEl) return;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([MIN_K, 3])
      .filter((ev: Event) => ev.type !== 'dblclick')
      .on('zoom', (ev) => setTransform({ x: ev.transform.x, y: ev.transform.y, k: ev.transform.k }));
    zoomer.current = z;
    select(boxEl).call(z);
    fitted.current = false;
    return () => {
      select(boxEl).on('.zoom', null);
    };
  }, [boxEl]);

  const moveTo = useCallback(
    (v: View) => {
      if (boxEl && zoomer.current)
        select(boxEl).call(zoomer.current.transform, zoomIdentity.translate(v.x, v.y).scale(v.k));
    },
    [boxEl],
  );
  const fit = useCallback(() => {
    if (boxEl && layout) moveTo(fitAll(boxEl.getBoundingClientRect(), layout));
  }, [layout, boxEl, moveTo]);
  const focusNode = useCallback(
    (id: string) => {
      const p = layout?.positions[id];
      if (!p || !boxEl || !zoomer.current) return;
      // The box is measured now: the details panel that the selection opened has narrowed it.
      moveTo(reveal(boxEl.getBoundingClientRect(), layout, transform, { ...p, width: NODE_W, height: NODE_H }));
    },
    [layout, transform, boxEl, moveTo],
  );

  // Read the latest selection and camera without making them reasons to move the view.
  const firstView = useEffectEvent(() => {
    if (!layout || !zoomer.current || fitted.current) return;
    fitted.current = true;
    if (selected && layout.positions[selected]) focusNode(selected);
    else if (boxEl) moveTo(initialView(boxEl.getBoundingClientRect(), layout));
  });
  const focusSelected = useEffectEvent(() => {
    if (selected && layout?.positions[selected]) focusNode(selected);
  });
  const hasLayout = !!layout;
  useEffect(() => {
    if (layoutCurrent) firstView();
  }, [layout, layoutCurrent, boxEl]);
  useEffect(() => {
    focusSelected();
  }, [selected, hasLayout]);

  return { setBoxEl, transform, fit };
}
