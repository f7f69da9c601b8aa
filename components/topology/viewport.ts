/**
 * Where the camera starts and where "Fit" puts it: pure math on the box and the laid-out
 * graph, in the d3-zoom transform's terms (screen = layout · k + (x, y)).
 */

export interface View {
  x: number;
  y: number;
  k: number;
}

interface Size {
  width: number;
  height: number;
}

const PAD = 40;
export const MIN_K = 0.05;
const MAX_K = 1.2;
/** Below this scale node names are no longer legible. */
export const READABLE_K = 0.5;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The whole graph inside the box with a margin, centred. */
export function fitAll(box: Size, graph: Size): View {
  const k = clamp(Math.min((box.width - 2 * PAD) / graph.width, (box.height - 2 * PAD) / graph.height), MIN_K, MAX_K);
  return { k, x: (box.width - graph.width * k) / 2, y: Math.max(PAD, (box.height - graph.height * k) / 2) };
}

/**
 * The first view of a graph: all of it when that stays legible; otherwise its full width
 * from the top (namespaces are bands stacked downwards), so names can be read and the rest
 * is a pan or "Fit" away.
 */
export function initialView(box: Size, graph: Size): View {
  const all = fitAll(box, graph);
  if (all.k >= READABLE_K) return all;
  const k = clamp((box.width - 2 * PAD) / graph.width, READABLE_K, 1);
  return { k, x: Math.max(PAD, (box.width - graph.width * k) / 2), y: PAD };
}

/** A node's box in layout coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest move that brings `v` inside [lo, hi] (already inside: none). */
function nudge(lo: number, hi: number, start: number, end: number): number {
  if (start < lo) return lo - start;
  if (end > hi) return hi - end;
  return 0;
}

/**
 * The view after selecting a node: the node fully in the box with the least change. The
 * graph's left edge (the Services' column) stays in view: a graph wider than the box is
 * zoomed out to fit its width when names stay legible at that scale (the details panel
 * that opens narrows the box), and panned only when it cannot fit legibly.
 */
export function reveal(box: Size, graph: Size, view: View, node: Box): View {
  let { x, y, k } = view;
  const centre = (kk: number) => {
    // Keep the node where it is on screen (vertically) through a change of scale.
    const screenY = (node.y + node.height / 2) * k + y;
    y = screenY - (node.y + node.height / 2) * kk;
    k = kk;
  };
  if (k < READABLE_K) {
    centre(Math.max(READABLE_K, Math.min(1, k * 2)));
    x = box.width / 2 - (node.x + node.width / 2) * k;
  }
  const room = box.width - 2 * PAD;
  const fitsAt = room / graph.width;
  if (graph.width * k > room && fitsAt >= READABLE_K) centre(fitsAt);
  const graphW = graph.width * k;
  if (graphW <= room + 1e-9) x = clamp(x, PAD, Math.max(PAD, box.width - PAD - graphW));
  else {
    x += nudge(PAD, box.width - PAD, node.x * k + x, (node.x + node.width) * k + x);
    // No empty margin wider than PAD left of the graph, nor right of it.
    x = clamp(x, box.width - PAD - graphW, PAD);
  }
  y += nudge(PAD, box.height - PAD, node.y * k + y, (node.y + node.height) * k + y);
  return { x, y, k };
}
