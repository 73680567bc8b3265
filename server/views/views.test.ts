import { describe, expect, it } from 'vitest';
import { esc, html, trusted } from './escape';
import { outlineSvg } from './outline-svg';

describe('escaping', () => {
  it('escapes every interpolated value unless it is markup the platform made', () => {
    const name = `<img src=x onerror="alert('1')">&`;
    expect(esc(name)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    expect(html`<h1>${name}</h1>`.value).toBe(`<h1>${esc(name)}</h1>`);
    expect(html`<p>${[name, html`<b>${name}</b>`]}</p>`.value).toBe(`<p>${esc(name)}<b>${esc(name)}</b></p>`);
    expect(html`${null}${undefined}${false}${0}${trusted('<br>')}`.value).toBe('0<br>');
  });
});

/** The subpaths of the outline's first path, as arrays of [x, y]. */
function rings(svg: string): number[][][] {
  const d = svg.match(/<path d="([^"]+)" fill="#fde7e4" fill-rule="evenodd"/)![1];
  return d
    .split('Z')
    .filter(Boolean)
    .map((r) => r.replace(/^M/, '').split('L').map((p) => p.split(' ').map(Number)));
}
const extent = (pts: number[][]) => {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys), minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
};

describe('the outline of a grid as SVG', () => {
  const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

  it('scales longitude by the cosine of the latitude and fits the viewBox with a margin', () => {
    const svg = outlineSvg({ type: 'Polygon', coordinates: [square(127.5, 50.2, 0.01)] }, { label: '测试', aspect: 1 }).value;
    expect(svg).toContain('viewBox="0 0 1000 1000"');
    const e = extent(rings(svg)[0]);
    expect(e.w / e.h).toBeCloseTo(Math.cos((50.205 * Math.PI) / 180), 2);
    expect(e.h).toBeGreaterThan(800);
    expect(e.minY).toBeGreaterThan(0);
    expect(e.maxY).toBeLessThan(1000);
    // North is up: the northern edge has the smaller y.
    expect(rings(svg)[0][2][1]).toBeLessThan(rings(svg)[0][0][1]);
  });

  it('draws holes and every part of a multipolygon in one even-odd path', () => {
    const withHole = outlineSvg({ type: 'Polygon', coordinates: [square(127.5, 50.2, 0.01), square(127.503, 50.203, 0.003)] }, { label: '测试' }).value;
    expect(rings(withHole)).toHaveLength(2);
    const multi = outlineSvg({ type: 'MultiPolygon', coordinates: [[square(127.5, 50.2, 0.01)], [square(127.52, 50.2, 0.01)]] }, { label: '测试' }).value;
    const [a, b] = rings(multi);
    expect(extent(b).minX).toBeGreaterThan(extent(a).maxX);
    expect(multi).toContain('vector-effect="non-scaling-stroke"');
  });

  it('escapes its label and draws micro-grids dashed inside; a thumbnail has no scale bar', () => {
    const svg = outlineSvg({ type: 'Polygon', coordinates: [square(127.5, 50.2, 0.01)] }, { label: '<b>网格</b>', inner: [{ type: 'Polygon', coordinates: [square(127.5, 50.2, 0.005)] }] }).value;
    expect(svg).toContain('aria-label="&lt;b&gt;网格&lt;/b&gt;"');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toMatch(/\d+ 米|公里/);
    expect(outlineSvg({ type: 'Polygon', coordinates: [square(127.5, 50.2, 0.01)] }, { label: 'x', plain: true }).value).not.toContain('米');
  });
});
