/**
 * The drawn graph as a file: SVG (the SVG renderer's element with its computed styles
 * inlined, so it reads the same outside the page) or PNG (the canvas renderer's pixels, or
 * the SVG drawn onto a canvas). Browser only.
 */

const STYLED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'visibility',
];

export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const target = to[i] as SVGElement;
    target.setAttribute('style', STYLED.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
    target.removeAttribute('class');
  });
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

function save(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
}

export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  save(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`, filename);
}

export async function downloadPng(graph: HTMLElement, filename: string): Promise<void> {
  const canvas = graph.querySelector('canvas');
  if (canvas) return save(canvas.toDataURL('image/png'), filename);
  const svg = graph.querySelector('svg');
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await img.decode();
  const out = document.createElement('canvas');
  const scale = window.devicePixelRatio || 1;
  out.width = Math.round(width * scale);
  out.height = Math.round(height * scale);
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  save(out.toDataURL('image/png'), filename);
}
