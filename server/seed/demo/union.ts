import type { AreaGeometry, Position } from '../../../common/geo/types';
import type { AtomSet } from './atoms';
import { E6, ringContains } from './plane';

/**
 * Union of whole atoms: edges shared by two member atoms cancel, the rest are chained into rings.
 * Vertices are the atoms' own E6 integers, so neighbouring regions keep identical shared edges.
 */
export function unionAtoms(atoms: AtomSet, members: readonly number[]): AreaGeometry {
  const nv = atoms.vx.length;
  const open = new Map<number, number>();
  for (const a of members) {
    const start = atoms.ringStart[a];
    const end = atoms.ringStart[a + 1];
    for (let i = start; i < end; i++) {
      const u = atoms.ringVerts[i];
      const v = atoms.ringVerts[i + 1 === end ? start : i + 1];
      const twin = v * nv + u;
      if (open.has(twin)) open.delete(twin);
      else open.set(u * nv + v, 1);
    }
  }
  const out = new Map<number, number[]>();
  for (const key of open.keys()) {
    const u = Math.floor(key / nv);
    const v = key - u * nv;
    let list = out.get(u);
    if (!list) out.set(u, (list = []));
    list.push(v);
  }
  const { vx, vy } = atoms;
  const rings: number[][] = [];
  for (const key of open.keys()) {
    const u0 = Math.floor(key / nv);
    const v0 = key - u0 * nv;
    const l0 = out.get(u0)!;
    const idx0 = l0.indexOf(v0);
    if (idx0 < 0) continue; // already used by an earlier ring
    l0.splice(idx0, 1);
    const ring = [u0];
    let prev = u0;
    let cur = v0;
    for (let guard = 0; guard <= open.size; guard++) {
      const list = out.get(cur) ?? [];
      // At a pinch (two parts of the region touching at one vertex) take the sharpest left turn,
      // which keeps each ring simple instead of tracing a figure eight.
      let pick = -1;
      let bestTurn = -Infinity;
      const inX = vx[cur] - vx[prev];
      const inY = vy[cur] - vy[prev];
      const consider = (w: number, i: number): void => {
        const oX = vx[w] - vx[cur];
        const oY = vy[w] - vy[cur];
        const turn = Math.atan2(inX * oY - inY * oX, inX * oX + inY * oY);
        if (turn > bestTurn) {
          bestTurn = turn;
          pick = i;
        }
      };
      list.forEach((w, i) => consider(w, i));
      if (cur === u0) consider(v0, -2);
      if (pick === -2 || (pick === -1 && cur === u0)) break;
      if (pick === -1) throw new Error('demo union: open boundary');
      ring.push(cur);
      prev = cur;
      cur = list[pick];
      list.splice(pick, 1);
    }
    if (ring.length >= 3) rings.push(ring);
  }
  return ringsToGeometry(vx, vy, rings);
}

function signedArea(vx: Int32Array, vy: Int32Array, ring: readonly number[]): number {
  const ox = vx[ring[0]];
  const oy = vy[ring[0]];
  let a = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    a += (vx[ring[i]] - ox) * (vy[ring[i + 1]] - oy) - (vx[ring[i + 1]] - ox) * (vy[ring[i]] - oy);
  }
  return a / 2;
}

function ringsToGeometry(vx: Int32Array, vy: Int32Array, rings: number[][]): AreaGeometry {
  const outers: { ring: number[]; area: number; holes: number[][] }[] = [];
  const holes: number[][] = [];
  for (const r of rings) {
    const a = signedArea(vx, vy, r);
    if (a > 0) outers.push({ ring: r, area: a, holes: [] });
    else if (a < 0) holes.push(r);
  }
  if (outers.length === 0) throw new Error('demo union: no outer ring');
  outers.sort((p, q) => q.area - p.area);
  for (const h of holes) {
    let home = outers[0];
    if (outers.length > 1) {
      const mx = (vx[h[0]] + vx[h[1]]) / 2;
      const my = (vy[h[0]] + vy[h[1]]) / 2;
      // smallest outer ring containing the hole
      for (let i = outers.length - 1; i >= 0; i--) {
        if (ringContains(vx, vy, outers[i].ring, mx, my)) {
          home = outers[i];
          break;
        }
      }
    }
    home.holes.push(h);
  }
  const toCoords = (r: number[]): Position[] => {
    const c: Position[] = r.map((v) => [vx[v] / E6, vy[v] / E6]);
    c.push(c[0]);
    return c;
  };
  const polys = outers.map((o) => [toCoords(o.ring), ...o.holes.map(toCoords)]);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}
