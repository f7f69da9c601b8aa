/**
 * Labels fitted to a width in pixels, not a count of characters: a Chinese diagnosis is about twice
 * as wide per character as an English one, so a character budget made for English overflows the
 * node. Measured with a canvas' text metrics where there is one (the browser), else estimated
 * (wide East Asian characters one em, others a little over half); cut at grapheme boundaries, so
 * an emoji or a combining mark is never split.
 */

type Ctx = Pick<CanvasRenderingContext2D, 'font' | 'measureText'>;

let shared: Ctx | null | undefined;

function context(): Ctx | null {
  if (shared !== undefined) return shared;
  try {
    shared =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1).getContext('2d')
        : typeof document !== 'undefined'
          ? document.createElement('canvas').getContext('2d')
          : null;
  } catch {
    shared = null;
  }
  return shared;
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

function fontPx(font: string): number {
  return Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
}

/** The text's width in CSS pixels in `font` (a canvas font string, e.g. `11px system-ui`). */
export function textWidth(s: string, font: string, ctx: Ctx | null = context()): number {
  if (ctx) {
    ctx.font = font;
    return ctx.measureText(s).width;
  }
  const px = fontPx(font);
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? px : px * 0.58;
  return w;
}

const segmenters = new Map<string, Intl.Segmenter>();
function graphemes(s: string, locale: string): string[] {
  let seg = segmenters.get(locale);
  if (!seg) segmenters.set(locale, (seg = new Intl.Segmenter(locale, { granularity: 'grapheme' })));
  return [...seg.segment(s)].map((x) => x.segment);
}

const MAX_CACHED = 20_000;
const fitted = new Map<string, string>();

/** `g` cut to its first `k` graphemes with an ellipsis after them. */
const endCut = (g: string[], k: number) => `${g.slice(0, k).join('').trimEnd()}…`;

/**
 * `g` cut to `k` graphemes in the middle: the tail keeps a `-N` ordinal suffix whole and a third of
 * the rest, so kafka-0 and kafka-12 stay told apart (lib/text.ts middle, by width).
 */
function middleCut(g: string[], k: number): string {
  const suffix = /-\d+$/.exec(g.join(''))?.[0].length ?? 0;
  const tail = Math.min(k, Math.max(suffix, Math.floor((k - 1) / 3)));
  const head = Math.max(k - tail, 1);
  return `${g.slice(0, head).join('')}…${g.slice(g.length - tail).join('')}`;
}

function fit(s: string, maxPx: number, font: string, locale: string, ctx: Ctx | null, cut: typeof endCut): string {
  const key = `${cut === endCut ? 'e' : 'm'}|${font}|${maxPx}|${locale}|${s}`;
  const hit = fitted.get(key);
  if (hit !== undefined) return hit;
  let out = s;
  if (textWidth(s, font, ctx) > maxPx) {
    const g = graphemes(s, locale);
    let lo = 0;
    let hi = g.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (textWidth(cut(g, mid), font, ctx) <= maxPx) lo = mid;
      else hi = mid - 1;
    }
    out = cut(g, lo);
  }
  if (fitted.size >= MAX_CACHED) fitted.clear();
  fitted.set(key, out);
  return out;
}

/** `s` as it fits in `maxPx`: whole, or the longest start that fits with an ellipsis after it. */
export function fitText(s: string, maxPx: number, font: string, locale = 'en', ctx: Ctx | null = context()): string {
  return fit(s, maxPx, font, locale, ctx, endCut);
}

/** A name as it fits in `maxPx`: whole, or cut in the middle so its end (a pod's ordinal) shows. */
export function fitName(s: string, maxPx: number, font: string, locale = 'en', ctx: Ctx | null = context()): string {
  return fit(s, maxPx, font, locale, ctx, middleCut);
}
