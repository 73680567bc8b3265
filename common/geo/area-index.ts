import Flatbush from 'flatbush';
import type { AreaGeometry, BBox } from './types';

export interface IndexedArea<T> {
  geometry: AreaGeometry;
  data: T;
}

/**
 * In-memory point → area lookup used for every located event, resident and report. It has to
 * answer about a million lookups per second on one core over the ~3,800 grids of the city, so:
 * all vertices sit in one Float64Array, the bbox prefilter is a flatbush R-tree, and the
 * point-in-polygon test is a hand-written ray cast that allocates nothing (find() as a whole
 * allocates only flatbush's small traversal stack, which V8 collects almost for free).
 *
 * Areas are taken as valid (holes inside shells, parts disjoint), as checkAreaGeometry guarantees;
 * under that assumption one even-odd count over every ring of an area, shells and holes of all
 * parts together, says whether the point is inside.
 */
export class AreaIndex<T> {
  readonly size: number;
  private readonly data: T[];
  /** x, y of every vertex of every ring, rings closed. */
  private readonly xy: Float64Array;
  /** Vertex offsets: ring r spans [ringStart[r], ringStart[r + 1]). */
  private readonly ringStart: Uint32Array;
  /** Ring offsets: area a owns rings [areaRings[a], areaRings[a + 1]). */
  private readonly areaRings: Uint32Array;
  private readonly tree: Flatbush | null;
  /** Flatbush item id → area index; areas without rings are not in the tree. */
  private readonly treeToArea: Uint32Array;
  private readonly extent: BBox;

  // Query state shared with the filter callback, which is created once so a lookup allocates no closure.
  private qx = 0;
  private qy = 0;
  private hit = -1;
  private readonly hitFilter = (id: number): boolean => {
    const a = this.treeToArea[id];
    if (!this.contains(a, this.qx, this.qy)) return false;
    this.hit = a;
    return true;
  };
  private readonly containsFilter = (id: number): boolean => this.contains(this.treeToArea[id], this.qx, this.qy);

  constructor(items: IndexedArea<T>[]) {
    this.size = items.length;
    this.data = items.map((i) => i.data);

    let vertexCount = 0;
    let ringCount = 0;
    for (const { geometry } of items) {
      for (const polygon of polygonsOf(geometry)) {
        for (const ring of polygon) {
          vertexCount += ring.length + 1;
          ringCount++;
        }
      }
    }
    const xy = new Float64Array(vertexCount * 2);
    const ringStart = new Uint32Array(ringCount + 1);
    const areaRings = new Uint32Array(items.length + 1);
    const boxes: number[] = [];
    const treeToArea: number[] = [];
    const extent: BBox = [Infinity, Infinity, -Infinity, -Infinity];
    let v = 0;
    let r = 0;

    items.forEach(({ geometry }, a) => {
      areaRings[a] = r;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const polygon of polygonsOf(geometry)) {
        for (const ring of polygon) {
          if (ring.length === 0) continue;
          ringStart[r++] = v;
          for (let k = 0; k < ring.length; k++) {
            const x = ring[k][0];
            const y = ring[k][1];
            xy[v * 2] = x;
            xy[v * 2 + 1] = y;
            v++;
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          }
          const [fx, fy] = ring[0];
          const [lx, ly] = ring[ring.length - 1];
          // Closing an open ring here keeps the hot loop free of wrap-around logic.
          if (fx !== lx || fy !== ly) {
            xy[v * 2] = fx;
            xy[v * 2 + 1] = fy;
            v++;
          }
        }
      }
      if (minX <= maxX) {
        boxes.push(minX, minY, maxX, maxY);
        treeToArea.push(a);
        extent[0] = Math.min(extent[0], minX);
        extent[1] = Math.min(extent[1], minY);
        extent[2] = Math.max(extent[2], maxX);
        extent[3] = Math.max(extent[3], maxY);
      }
    });
    areaRings[items.length] = r;
    ringStart[r] = v;

    this.xy = xy;
    this.ringStart = ringStart.subarray(0, r + 1);
    this.areaRings = areaRings;
    this.treeToArea = Uint32Array.from(treeToArea);
    this.extent = extent;
    if (treeToArea.length === 0) {
      this.tree = null;
    } else {
      // Point queries visit fewer boxes with small nodes; 8 measured best for ~4,000 grids.
      const tree = new Flatbush(treeToArea.length, 8);
      for (let i = 0; i < boxes.length; i += 4) tree.add(boxes[i], boxes[i + 1], boxes[i + 2], boxes[i + 3]);
      tree.finish();
      this.tree = tree;
    }
  }

  /**
   * The first area found to contain the point. Areas are meant not to overlap (grids are checked for
   * that), so normally there is only one; a point exactly on an edge shared by two neighbours belongs
   * to exactly one of them, the same one every time (see `contains`). Where areas do overlap, which
   * one is returned is still fixed for a given item list, but not necessarily the lowest index: the
   * search stops at the first hit, which is worth about a third of the lookup time. Use findAll there.
   */
  find(lng: number, lat: number): T | undefined {
    // Also rejects NaN, which would otherwise match every node of the tree.
    if (!this.tree || !(lng >= this.extent[0] && lng <= this.extent[2] && lat >= this.extent[1] && lat <= this.extent[3])) {
      return undefined;
    }
    this.qx = lng;
    this.qy = lat;
    this.hit = -1;
    this.tree.collides(lng, lat, lng, lat, this.hitFilter);
    return this.hit < 0 ? undefined : this.data[this.hit];
  }

  /** Every area containing the point, in insertion order (more than one only where areas overlap). */
  findAll(lng: number, lat: number): T[] {
    if (!this.tree || !(lng >= this.extent[0] && lng <= this.extent[2] && lat >= this.extent[1] && lat <= this.extent[3])) {
      return [];
    }
    this.qx = lng;
    this.qy = lat;
    const ids = this.tree.search(lng, lat, lng, lat, this.containsFilter);
    return this.toData(ids);
  }

  /** Areas whose bounding box intersects or touches bbox, in insertion order. */
  search(bbox: BBox): T[] {
    // NaN compares false everywhere, so flatbush would return every item.
    if (!this.tree || bbox.some((v) => Number.isNaN(v))) return [];
    return this.toData(this.tree.search(bbox[0], bbox[1], bbox[2], bbox[3]));
  }

  private toData(ids: number[]): T[] {
    const areas = ids.map((id) => this.treeToArea[id]).sort((a, b) => a - b);
    return areas.map((a) => this.data[a]);
  }

  /**
   * Even-odd ray cast towards +x over all rings of area a. Each edge's crossing is computed from its
   * lower endpoint whichever way the ring runs, so an edge shared by two neighbours yields the
   * bit-identical intercept in both, and the half-open tests (y strictly above one end, x strictly
   * left of the intercept) give a boundary point to exactly one side.
   */
  private contains(a: number, x: number, y: number): boolean {
    const xy = this.xy;
    const ringStart = this.ringStart;
    let inside = false;
    for (let r = this.areaRings[a], rEnd = this.areaRings[a + 1]; r < rEnd; r++) {
      const end = ringStart[r + 1] * 2;
      let i = ringStart[r] * 2;
      let px = xy[i];
      let py = xy[i + 1];
      for (i += 2; i < end; i += 2) {
        const cx = xy[i];
        const cy = xy[i + 1];
        if (cy > y !== py > y) {
          const xint = cy < py ? cx + ((y - cy) * (px - cx)) / (py - cy) : px + ((y - py) * (cx - px)) / (cy - py);
          if (x < xint) inside = !inside;
        }
        px = cx;
        py = cy;
      }
    }
    return inside;
  }
}

function polygonsOf(g: AreaGeometry) {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
