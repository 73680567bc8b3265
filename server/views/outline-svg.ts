import { esc, html, trusted, type SafeHtml } from './escape';

type Ring = number[][];
type Polygon = Ring[];
/** A stored boundary: GeoJSON Polygon or MultiPolygon in WGS-84 (lng, lat). */
export interface Boundary {
  type: string;
  coordinates: unknown;
}

function polygonsOf(b: Boundary | null | undefined): Polygon[] {
  if (!b) return [];
  if (b.type === 'Polygon') return [b.coordinates as Polygon];
  if (b.type === 'MultiPolygon') return b.coordinates as Polygon[];
  return [];
}

const M_PER_DEG_LAT = 111_320;

/** A round length (1, 2 or 5 × 10^n metres) no longer than `max`. */
function roundLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  return [5, 2, 1].map((f) => f * p).find((x) => x <= max) ?? p;
}

/**
 * The area of a grid as inline SVG: WGS-84 projected equirectangularly (longitude scaled by the
 * cosine of the middle latitude, so shapes are not stretched at 50° N), fitted into a viewBox of the
 * given aspect. Every polygon and hole is one path with fill-rule evenodd; `inner` outlines (the
 * micro-grids) are drawn thin and dashed on top. A scale bar and a north arrow make it readable on paper.
 */
export function outlineSvg(boundary: Boundary, opts: { aspect?: number; inner?: Boundary[]; label: string; /** A thumbnail: no scale bar or north arrow. */ plain?: boolean }): SafeHtml {
  const polygons = polygonsOf(boundary);
  const W = 1000;
  const H = Math.round(W / (opts.aspect ?? 4 / 3));
  const outer = polygons.flatMap((p) => p[0] ?? []);
  if (outer.length === 0) return html`<svg class="outline" viewBox="0 0 ${W} ${H}" role="img" aria-label="${opts.label}"></svg>`;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const w = Math.max((maxX - minX) * kx, 1e-9);
  const h = Math.max(maxY - minY, 1e-9);
  const pad = 0.07 * Math.min(W, H);
  const scale = Math.min((W - 2 * pad) / w, (H - 2 * pad) / h); // viewBox units per degree of latitude
  const ox = (W - w * scale) / 2;
  const oy = (H - h * scale) / 2;
  const project = (x: number, y: number): [number, number] => [ox + (x - minX) * kx * scale, oy + (maxY - y) * scale];

  const pathOf = (polys: Polygon[]) => {
    const parts: string[] = [];
    for (const poly of polys) {
      for (const ring of poly) {
        let last: [number, number] | null = null;
        const pts: string[] = [];
        for (const [x, y] of ring) {
          const p = project(x, y);
          // Vertices closer than half a unit add nothing at print size; skipping them keeps pages small.
          if (last && Math.abs(p[0] - last[0]) < 0.5 && Math.abs(p[1] - last[1]) < 0.5) continue;
          pts.push(`${p[0].toFixed(1)} ${p[1].toFixed(1)}`);
          last = p;
        }
        if (pts.length >= 3) parts.push(`M${pts.join('L')}Z`);
      }
    }
    return parts.join('');
  };

  const inner = (opts.inner ?? []).map((b) => pathOf(polygonsOf(b))).filter(Boolean);
  const metresPerUnit = M_PER_DEG_LAT / scale;
  const barM = roundLength(W * 0.28 * metresPerUnit);
  const barU = barM / metresPerUnit;
  const barText = barM >= 1000 ? `${barM / 1000} 公里` : `${barM} 米`;
  const by = H - 26;
  const svg = `<svg class="outline" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(opts.label)}" xmlns="http://www.w3.org/2000/svg">`
    + `<path d="${pathOf(polygons)}" fill="#fde7e4" fill-rule="evenodd" stroke="#c62828" stroke-width="3" stroke-linejoin="round" vector-effect="non-scaling-stroke"/>`
    + inner.map((d) => `<path d="${d}" fill="none" fill-rule="evenodd" stroke="#c62828" stroke-width="1" stroke-dasharray="4 3" vector-effect="non-scaling-stroke"/>`).join('')
    + (opts.plain
      ? ''
      : `<g fill="#333" stroke="#333" font-size="24" font-family="sans-serif">`
        + `<path d="M24 ${by}h${barU.toFixed(1)}M24 ${by - 8}v16M${(24 + barU).toFixed(1)} ${by - 8}v16" stroke-width="3" fill="none"/>`
        + `<text x="24" y="${by - 14}" stroke="none">${barText}</text>`
        + `<path d="M${W - 40} 18l14 36h-28z" stroke="none"/><text x="${W - 40}" y="80" text-anchor="middle" stroke="none">北</text>`
        + `</g>`)
    + `</svg>`;
  // Built only from numbers and the escaped label.
  return trusted(svg);
}
