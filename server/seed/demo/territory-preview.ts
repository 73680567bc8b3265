/**
 * Quick look at the demo territory: `npx tsx server/seed/demo/territory-preview.ts [county code] [seed]`.
 * Writes /tmp/demo-territory.geojson (everything) and /tmp/demo-territory-<county>.svg (one county, grids
 * coloured by kind, township lines bold), then prints counts and timing. Nothing is written into the repo.
 */
import { writeFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { gridCodingRule } from '../../../common/domain/grid-code';
import type { AreaGeometry, Position } from '../../../common/geo/types';
import { readDivisions } from '../divisions-csv';
import { loadHeiheCounties } from '../heihe-source';
import { DEFAULT_DEMO_SEED, generateDemoTerritory } from './territory';

const countyArg = process.argv[2] ?? '231102';
const seed = Number(process.argv[3] ?? DEFAULT_DEMO_SEED);

const t0 = performance.now();
const divisions = readDivisions();
const counties = loadHeiheCounties(divisions);
const t1 = performance.now();
let lastStage = '';
const territory = generateDemoTerritory({
  counties,
  divisions,
  rule: gridCodingRule('15'),
  seed,
  onProgress: (done, total, stage) => {
    if (stage !== lastStage) process.stderr.write(`\r[${done}/${total}] ${stage}`.padEnd(60));
    lastStage = stage;
  },
});
const t2 = performance.now();
process.stderr.write('\n');

const features = [
  ...[...territory.countyBoundaries].map(([code, g]) => turf.feature(g, { layer: 'county', code })),
  ...[...territory.townshipBoundaries].map(([code, g]) => turf.feature(g, { layer: 'township', code })),
  ...[...territory.communityBoundaries].map(([code, g]) => turf.feature(g, { layer: 'community', code })),
  turf.feature(territory.managementArea.boundary, { layer: 'management_area', code: territory.managementArea.code }),
  ...territory.grids.map(({ boundary, ...rest }) => turf.feature(boundary, { layer: rest.level, ...rest })),
];
writeFileSync('/tmp/demo-territory.geojson', JSON.stringify(turf.featureCollection(features)));

const grids = territory.grids.filter((g) => g.level === 'grid');
const km2 = (g: AreaGeometry): number => turf.area(g) / 1e6;
const byKind = (kind: string) => grids.filter((g) => g.kind === kind);
const quantiles = (xs: number[]): string => {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `min ${q(0).toFixed(2)} / median ${q(0.5).toFixed(2)} / max ${s[s.length - 1].toFixed(2)} km²`;
};
console.log(`loaded in ${(t1 - t0).toFixed(0)} ms, generated in ${(t2 - t1).toFixed(0)} ms (seed ${seed})`);
console.log(`townships ${territory.townshipBoundaries.size}, communities/villages ${territory.communityBoundaries.size}`);
console.log(`grids ${grids.length}: urban ${byKind('urban').length}, rural ${byKind('rural').length}, exclusive ${byKind('exclusive').length}`);
console.log(`micro-grids ${territory.grids.length - grids.length} in ${new Set(territory.grids.filter((g) => g.parentCode).map((g) => g.parentCode)).size} grids`);
console.log(`urban grid area: ${quantiles(byKind('urban').map((g) => km2(g.boundary)))}`);
console.log(`rural grid area: ${quantiles(byKind('rural').map((g) => km2(g.boundary)))}`);
console.log(`management area ${territory.managementArea.name}: ${km2(territory.managementArea.boundary).toFixed(0)} km², ${grids.filter((g) => g.divisionCode === territory.managementArea.code).length} grids`);
console.log('/tmp/demo-territory.geojson written');

// ---- SVGs of one county and of its seat (the exclusive grids mark the seat)
const countyCode = countyArg.padEnd(12, '0');
const outline = territory.countyBoundaries.get(countyCode);
const inCounty = (code: string) =>
  code.startsWith(countyCode.slice(0, 6)) || (countyCode === '231182000000' && code === territory.managementArea.code);
if (outline) {
  writeSvg(`/tmp/demo-territory-${countyCode.slice(0, 6)}.svg`, turf.bbox(outline) as BBox4, outline);
  const seatGrids = grids.filter((g) => g.kind === 'exclusive' && inCounty(g.divisionCode) && g.divisionCode !== territory.managementArea.code);
  if (seatGrids.length > 0) {
    const [a, b, c, d] = turf.bbox(turf.featureCollection(seatGrids.map((g) => turf.feature(g.boundary))));
    const m = 0.03;
    writeSvg(`/tmp/demo-territory-${countyCode.slice(0, 6)}-seat.svg`, [a - m * 1.5, b - m, c + m * 1.5, d + m], outline);
  }
}

type BBox4 = [number, number, number, number];

function writeSvg(file: string, [minX, minY, maxX, maxY]: BBox4, county: AreaGeometry): void {
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const width = 1400;
  const scale = width / ((maxX - minX) * k);
  const height = Math.ceil((maxY - minY) * scale);
  const pt = ([x, y]: Position) => `${((x - minX) * k * scale).toFixed(1)},${((maxY - y) * scale).toFixed(1)}`;
  const visible = (g: AreaGeometry) => {
    const [a, b, c, d] = turf.bbox(g);
    return c >= minX && a <= maxX && d >= minY && b <= maxY;
  };
  const path = (g: AreaGeometry) =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap((p) => p.map((r) => `M${r.map(pt).join('L')}Z`)).join('');
  const colour = { urban: '#f4b183', rural: '#c5e0b4', exclusive: '#8faadc' } as const;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    '<rect width="100%" height="100%" fill="white"/>',
  ];
  const layer = (g: AreaGeometry, style: string) => {
    if (visible(g)) parts.push(`<path d="${path(g)}" ${style} fill-rule="evenodd"/>`);
  };
  for (const g of territory.grids) {
    if (g.level === 'grid' && inCounty(g.divisionCode)) layer(g.boundary, `fill="${colour[g.kind]}" stroke="#777" stroke-width="0.4"`);
  }
  for (const g of territory.grids) {
    if (g.level === 'micro' && inCounty(g.divisionCode)) layer(g.boundary, 'fill="none" stroke="#c00" stroke-width="0.4"');
  }
  for (const [code, g] of territory.communityBoundaries) if (inCounty(code)) layer(g, 'fill="none" stroke="#333" stroke-width="0.9"');
  for (const [code, g] of territory.townshipBoundaries) if (inCounty(code)) layer(g, 'fill="none" stroke="#000" stroke-width="1.8"');
  if (countyCode === '231182000000') layer(territory.managementArea.boundary, 'fill="none" stroke="#06c" stroke-width="3"');
  layer(county, 'fill="none" stroke="#000" stroke-width="3"');
  parts.push('</svg>');
  writeFileSync(file, parts.join('\n'));
  console.log(`${file} written`);
}
