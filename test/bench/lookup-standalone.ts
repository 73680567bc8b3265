// Manual check of the lookup figure: npx tsx test/bench/lookup-standalone.ts
import { jitteredLattice } from './jittered-lattice';
import { benchLookup } from './lookup.bench';

// Roughly the city's ~3,800 grids over the bbox of Heihe.
const areas = jitteredLattice({ bbox: [124.7, 47.5, 129.6, 51.1], cols: 62, rows: 62, edgePoints: 4, seed: 7 });
const vertices = areas.reduce((n, a) => n + (a.geometry.coordinates[0] as unknown[]).length - 1, 0) / areas.length;
// Three rounds: on a shared machine one round can lose its core to other processes half-way.
for (let round = 1; round <= 3; round++) {
  const r = benchLookup(areas);
  console.log(
    `round ${round}: ${areas.length} areas, ${vertices.toFixed(0)} vertices each: build ${r.buildMs.toFixed(1)} ms, ` +
      `${Math.round(r.lookupsPerSecond).toLocaleString('en')} lookups/s, hit rate ${(r.hitRate * 100).toFixed(1)}%`,
  );
}
