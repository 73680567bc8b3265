import { AreaIndex, type IndexedArea } from '../../common/geo/area-index';
import { seededRandom } from './jittered-lattice';

export interface LookupBenchResult {
  /**
   * Median of 5 builds after 3 warm-up builds: what a long-running server pays to rebuild the index
   * after grids change. The very first build in a fresh process is ~10× slower (JIT not warmed up).
   */
  buildMs: number;
  lookupsPerSecond: number;
  /** Share of random points that fell in some area; shows whether the points were meaningful. */
  hitRate: number;
}

/** Point → area lookups per second on one thread over the given areas. */
export function benchLookup(areas: IndexedArea<unknown>[], opts: { points?: number } = {}): LookupBenchResult {
  const total = opts.points ?? 2_000_000;
  for (let i = 0; i < 3; i++) new AreaIndex(areas);
  const builds: number[] = [];
  let index = new AreaIndex(areas);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    index = new AreaIndex(areas);
    builds.push(performance.now() - t0);
  }
  const buildMs = builds.sort((a, b) => a - b)[2];

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { geometry } of areas) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const [x, y] of polygon[0] ?? []) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  // A fixed pool reused cyclically: big enough to defeat caches, drawn up front so the timed loop
  // measures lookups and not the random number generator.
  const pool = 1 << 18;
  const rand = seededRandom(20240601);
  const pts = new Float64Array(pool * 2);
  for (let i = 0; i < pool; i++) {
    pts[i * 2] = minX + rand() * (maxX - minX);
    pts[i * 2 + 1] = minY + rand() * (maxY - minY);
  }
  const mask = pool - 1;
  const run = (n: number): number => {
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const k = (i & mask) * 2;
      if (index.find(pts[k], pts[k + 1]) !== undefined) hits++;
    }
    return hits;
  };

  run(Math.min(200_000, total));
  const t1 = performance.now();
  const hits = run(total);
  const seconds = (performance.now() - t1) / 1000;
  return { buildMs, lookupsPerSecond: total / seconds, hitRate: hits / total };
}
