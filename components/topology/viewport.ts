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
