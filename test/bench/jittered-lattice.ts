import type { IndexedArea } from '../../common/geo/area-index';
import type { BBox, Position } from '../../common/geo/types';

/** mulberry32: tiny, fast, and the same sequence on every machine, so benchmark runs compare. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LatticeOptions {
  bbox: BBox;
  cols: number;
  rows: number;
  /** Extra vertices on every cell edge; 4 gives 20-vertex cells. */
  edgePoints?: number;
  seed?: number;
}

/**
 * Grid-like test areas: a lattice whose corners are jittered and whose edges wiggle, so cells are
 * irregular but still tile the bbox without gaps or overlaps. Neighbours share their edge vertices
 * exactly, like real grids drawn with snapping. Jitter is kept small enough that no cell
 * self-intersects. data is the cell's index.
 */
export function jitteredLattice(opts: LatticeOptions): IndexedArea<number>[] {
  const { bbox, cols, rows } = opts;
  const m = opts.edgePoints ?? 4;
  const rand = seededRandom(opts.seed ?? 1);
  const jitter = (amount: number) => (rand() * 2 - 1) * amount;

  // Work in lattice units (one cell = 1×1), map to degrees at the end; a linear map keeps it valid.
  const corner: Position[][] = [];
  for (let i = 0; i <= cols; i++) {
    corner.push([]);
    for (let j = 0; j <= rows; j++) {
      const onX = i === 0 || i === cols;
      const onY = j === 0 || j === rows;
      corner[i].push([i + (onX ? 0 : jitter(0.2)), j + (onY ? 0 : jitter(0.2))]);
    }
  }
  const edge = (a: Position, b: Position, outer: boolean): Position[] => {
    const pts: Position[] = [];
    const nx = -(b[1] - a[1]);
    const ny = b[0] - a[0];
    for (let k = 1; k <= m; k++) {
      const t = k / (m + 1);
      const off = outer ? 0 : jitter(0.06);
      pts.push([a[0] + t * (b[0] - a[0]) + off * nx, a[1] + t * (b[1] - a[1]) + off * ny]);
    }
    return pts;
  };
  const horizontal: Position[][][] = [];
  const vertical: Position[][][] = [];
  for (let i = 0; i <= cols; i++) {
    horizontal.push([]);
    vertical.push([]);
    for (let j = 0; j <= rows; j++) {
      if (i < cols) horizontal[i].push(edge(corner[i][j], corner[i + 1][j], j === 0 || j === rows));
      if (j < rows) vertical[i].push(edge(corner[i][j], corner[i][j + 1], i === 0 || i === cols));
    }
  }

  const sx = (bbox[2] - bbox[0]) / cols;
  const sy = (bbox[3] - bbox[1]) / rows;
  const toDeg = ([u, v]: Position): Position => [bbox[0] + u * sx, bbox[1] + v * sy];
  const areas: IndexedArea<number>[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const ring: Position[] = [
        corner[i][j],
        ...horizontal[i][j],
        corner[i + 1][j],
        ...vertical[i + 1][j],
        corner[i + 1][j + 1],
        ...[...horizontal[i][j + 1]].reverse(),
        corner[i][j + 1],
        ...[...vertical[i][j]].reverse(),
        corner[i][j],
      ].map(toDeg);
      areas.push({ geometry: { type: 'Polygon', coordinates: [ring] }, data: areas.length });
    }
  }
  return areas;
}
