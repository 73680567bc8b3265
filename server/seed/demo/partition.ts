import { type AtomSet, buildAtoms, type DensityCore, sampleSites } from './atoms';
import { blob, lattice, type ManagementAreaShape, nearestFree, placeTownshipSeeds, seatPoint, townshipFactor } from './layout';
import { buildOutline, E6, makeFrame } from './plane';
import { compareText, createRng, subSeed } from './random';
import { areaOf, grow, relax, type Seed, spreadSeeds } from './regions';
import type { DemoCounty, DemoDivision } from './types';

export type { ManagementAreaShape } from './layout';

/**
 * Hierarchical partition of one county into townships → communities/villages → grids, as lists of atoms.
 *
 * Layout rules (synthetic but plausible):
 * - the county seat's streets (or, without streets, the seat town's communities) sit in a fine-grained
 *   urban core around the seat; town and farm centres get a smaller fine-grained core of their own;
 * - rural township seeds are spread evenly (farthest-point sampling + weighted Lloyd) and grow with
 *   weights by type: forestry bureaus and state farms large, prisons/mines/breeding farms small;
 * - inside a township, communities cluster at its centre and villages spread over the rest.
 */

export type VillageStyle = 'seat_community' | 'town_community' | 'community_like' | 'village' | 'village_like';

export interface VillagePlan {
  division: DemoDivision;
  style: VillageStyle;
  atoms: number[];
  /** ordinary grids, as atom lists */
  grids: number[][];
}

export interface TownshipPlan {
  division: DemoDivision;
  seat: boolean;
  atoms: number[];
  villages: VillagePlan[];
}

export interface CountyPlan {
  code: string;
  name: string;
  atoms: AtomSet;
  townships: TownshipPlan[];
  /** atoms of the management area carved out of this county, with its grids */
  management: { atoms: number[]; grids: number[][] } | null;
}

/** km² per community in the urban core, per town-centre community, per farm/forest headquarters */
const COMMUNITY_AREA: Record<VillageStyle, number> = {
  seat_community: 1.6,
  town_community: 2,
  community_like: 4,
  village: 0,
  village_like: 0,
};
const GRID_COUNT: Record<VillageStyle, [number, number]> = {
  seat_community: [5, 9],
  town_community: [3, 6],
  community_like: [2, 5],
  village: [3, 5],
  village_like: [2, 4],
};
const RURAL_SPACING_KM = 1.3;
const URBAN_SPACING_KM = 0.11;
const TOWN_SPACING_KM = 0.3;

export function planCounty(
  county: DemoCounty,
  code: string,
  townshipDivisions: readonly DemoDivision[],
  childrenOf: (code: string) => DemoDivision[],
  seed: number,
  management: ManagementAreaShape | null,
  progress: (stage: string) => void,
): CountyPlan {
  const outline = buildOutline(county.boundary);
  const frame = makeFrame((outline.minX + outline.maxX) / 2 / E6, (outline.minY + outline.maxY) / 2 / E6);
  const rng = createRng(subSeed(seed, code, 'layout'));
  const candidates = lattice(outline, frame, 2);
  if (candidates.length === 0) throw new Error(`demo: county ${code} is too small`);
  const seat = seatPoint(county, outline, frame, candidates);
  const inBlob = management ? blob(frame, management, rng) : () => false;

  // ---- townships: roles, weights and seed points
  const townships = townshipDivisions.slice().sort((a, b) => compareText(a.code, b.code));
  const streets = townships.filter((t) => t.kind === 'street');
  const seatTownships = new Set<string>();
  if (streets.length > 0) streets.forEach((t) => seatTownships.add(t.code));
  else {
    const towns = townships.filter((t) => t.kind === 'town' || t.kind === 'township');
    const withCommunities = (t: DemoDivision) => childrenOf(t.code).filter((c) => c.kind === 'community').length;
    const best = towns.slice().sort((a, b) => withCommunities(b) - withCommunities(a) || compareText(a.code, b.code))[0];
    if (best) seatTownships.add(best.code);
  }
  const styleOf = (t: DemoDivision, c: DemoDivision): VillageStyle =>
    c.kind === 'community'
      ? seatTownships.has(t.code)
        ? 'seat_community'
        : 'town_community'
      : c.kind === 'community_like'
        ? 'community_like'
        : c.kind === 'village'
          ? 'village'
          : 'village_like';

  const urbanCommunities = townships
    .filter((t) => seatTownships.has(t.code))
    .reduce((n, t) => n + childrenOf(t.code).filter((c) => c.kind === 'community').length, 0);
  const urbanRadius = Math.sqrt((Math.max(1, urbanCommunities) * COMMUNITY_AREA.seat_community) / Math.PI) + 0.3;

  const countyArea = candidates.length * 4; // 2 km lattice; only used to scale weights
  const rural = townships.filter((t) => t.kind !== 'street');
  const factorSum = rural.reduce((s, t) => s + townshipFactor(t), 0);
  const mgmtArea = management ? Math.PI * management.semiAxesKm[0] * management.semiAxesKm[1] : 0;
  const base = Math.max(10, (countyArea - mgmtArea - urbanCommunities * 1.6) / Math.max(1, factorSum));

  const points = new Map<string, [number, number]>();
  const weights = new Map<string, number>();
  streets.forEach((t, i) => {
    const n = childrenOf(t.code).length;
    const angle = (2 * Math.PI * i) / streets.length + rng.range(0, 0.6);
    const r = streets.length === 1 ? 0 : urbanRadius * rng.range(0.45, 0.6);
    points.set(t.code, [seat[0] + r * Math.cos(angle), seat[1] + r * Math.sin(angle)]);
    weights.set(t.code, Math.sqrt(Math.max(1, n) * COMMUNITY_AREA.seat_community));
  });
  for (const t of rural) weights.set(t.code, Math.sqrt(base * townshipFactor(t)));
  const seatTown = rural.find((t) => seatTownships.has(t.code));
  if (seatTown) points.set(seatTown.code, seat);
  const movable = rng.shuffle(rural.filter((t) => t !== seatTown));
  const free = candidates.filter(
    ([x, y]) => Math.hypot(x - seat[0], y - seat[1]) > urbanRadius + 3 && !inBlob(x, y),
  );
  placeTownshipSeeds(free.length >= movable.length ? free : candidates, movable, points, weights, seat, rng);

  // ---- atoms, dense where small units will be drawn
  progress('生成基础地块');
  const cores: DensityCore[] = [
    { x: seat[0], y: seat[1], spacing: URBAN_SPACING_KM, radius: urbanRadius, doubling: 0.6 },
  ];
  for (const t of rural) {
    if (t === seatTown) continue;
    const central = centralChildren(childrenOf(t.code), t, styleOf);
    if (central.length === 0) continue;
    const area = central.reduce((s, c) => s + COMMUNITY_AREA[styleOf(t, c)], 0);
    const [x, y] = points.get(t.code)!;
    cores.push({ x, y, spacing: TOWN_SPACING_KM, radius: Math.sqrt(area / Math.PI) + 0.4, doubling: 1.5 });
  }
  const sites = sampleSites(outline, frame, cores, RURAL_SPACING_KM, createRng(subSeed(seed, code, 'sites')));
  const atoms = buildAtoms(outline, frame, sites);

  // ---- the management area, then townships over the rest
  progress('划分乡镇（街道）');
  const all = Array.from({ length: atoms.count }, (_, a) => a);
  const mgmtAtoms = management ? all.filter((a) => inBlob(atoms.cx[a], atoms.cy[a])) : [];
  const inMgmt = new Set(mgmtAtoms);
  const members = mgmtAtoms.length ? all.filter((a) => !inMgmt.has(a)) : all;
  const taken = new Set<number>();
  const seeds: Seed[] = townships.map((t) => {
    const atom = nearestFree(atoms, members, points.get(t.code)!, taken);
    taken.add(atom);
    return { atom, weight: weights.get(t.code)! };
  });
  const townshipAtoms = grow(atoms, members, seeds, { noise: subSeed(seed, code, 'townships') });

  progress('划分社区（村）');
  const plans: TownshipPlan[] = townships.map((t, i) => ({
    division: t,
    seat: seatTownships.has(t.code),
    atoms: townshipAtoms[i],
    villages: splitTownship(atoms, t, townshipAtoms[i], seeds[i].atom, childrenOf(t.code), styleOf, seed),
  }));

  progress('划分网格');
  for (const tp of plans) {
    for (const v of tp.villages) {
      const r = createRng(subSeed(seed, v.division.code, 'grids'));
      const [lo, hi] = GRID_COUNT[v.style];
      v.grids = splitEvenly(atoms, v.atoms, Math.min(r.int(lo, hi), v.atoms.length), subSeed(seed, v.division.code, 'grid-noise'));
    }
  }
  const mgmt = management && mgmtAtoms.length
    ? { atoms: mgmtAtoms, grids: splitEvenly(atoms, mgmtAtoms, Math.min(management.grids, mgmtAtoms.length), subSeed(seed, code, 'mgmt')) }
    : null;
  return { code, name: county.name, atoms, townships: plans, management: mgmt };
}

/** Splits atoms into k connected, roughly equal parts. */
export function splitEvenly(atoms: AtomSet, members: readonly number[], k: number, noise: number): number[][] {
  if (k <= 1) return [members.slice()];
  const seeds = spreadSeeds(atoms, members, k).map((atom) => ({ atom, weight: 1 }));
  return relax(atoms, members, seeds, 2, { noise }).filter((g) => g.length > 0);
}

function splitTownship(
  atoms: AtomSet,
  t: DemoDivision,
  members: number[],
  centre: number,
  children: DemoDivision[],
  styleOf: (t: DemoDivision, c: DemoDivision) => VillageStyle,
  seed: number,
): VillagePlan[] {
  const kids = children.slice().sort((a, b) => compareText(a.code, b.code));
  if (kids.length === 0) return [];
  const plan = (c: DemoDivision, list: number[]): VillagePlan => ({ division: c, style: styleOf(t, c), atoms: list, grids: [] });
  if (kids.length === 1) return [plan(kids[0], members)];
  // Every community/village needs at least one atom; the densities are chosen so this never binds.
  if (members.length < kids.length) throw new Error(`demo: township ${t.code} is too small for its ${kids.length} units`);
  const noise = subSeed(seed, t.code, 'villages');
  const centralSet = new Set(t.kind === 'street' ? [] : centralChildren(kids, t, styleOf).map((c) => c.code));
  const central = kids.filter((c) => centralSet.has(c.code));
  const scattered = kids.filter((c) => !centralSet.has(c.code));
  // Communities keep their small size wherever they sit; villages share what is left.
  const compact = (c: DemoDivision): boolean => COMMUNITY_AREA[styleOf(t, c)] > 0;
  const totalArea = areaOf(atoms, members);
  const compactArea = kids.filter(compact).reduce((s, c) => s + COMMUNITY_AREA[styleOf(t, c)], 0);
  const villages = kids.filter((c) => !compact(c)).length;
  const villageWeight = Math.sqrt(Math.max(totalArea - compactArea, totalArea * 0.3) / Math.max(1, villages));
  const weightOf = (c: DemoDivision): number => (compact(c) ? Math.sqrt(COMMUNITY_AREA[styleOf(t, c)]) : villageWeight);
  const seeds: Seed[] = [];
  const order: DemoDivision[] = [];
  const dist = (a: number): number => Math.hypot(atoms.cx[a] - atoms.cx[centre], atoms.cy[a] - atoms.cy[centre]);
  let coreRadius = 0;
  if (central.length > 0) {
    // the smallest disc around the centre with room for the central communities' seeds
    coreRadius = Math.sqrt(central.reduce((s, c) => s + COMMUNITY_AREA[styleOf(t, c)], 0) / Math.PI);
    let near = members.filter((a) => dist(a) <= coreRadius);
    for (let tries = 0; tries < 8 && near.length < central.length * 3; tries++) {
      coreRadius *= 1.5;
      near = members.filter((a) => dist(a) <= coreRadius);
    }
    spreadSeeds(atoms, near.length >= central.length ? near : members, central.length).forEach((atom, i) => {
      seeds.push({ atom, weight: weightOf(central[i]) });
      order.push(central[i]);
    });
  }
  if (scattered.length > 0) {
    const away = members.filter((a) => dist(a) > coreRadius * 1.5);
    const pool = away.length >= scattered.length ? away : members;
    spreadSeeds(atoms, pool, scattered.length, seeds.map((sd) => sd.atom)).forEach((atom, i) => {
      seeds.push({ atom, weight: weightOf(scattered[i]) });
      order.push(scattered[i]);
    });
  }
  if (seeds.length !== kids.length) throw new Error(`demo: could not seed every unit of township ${t.code}`);
  const pinned = new Set(central.map((_, i) => i));
  const groups = relax(atoms, members, seeds, 2, { noise }, pinned);
  const byCode = new Map(order.map((c, i) => [c.code, groups[i]]));
  return kids.map((c) => plan(c, byCode.get(c.code) ?? []));
}

/** Children drawn at the township's centre: communities, and a farm's or mine's few headquarters communities. */
function centralChildren(
  children: readonly DemoDivision[],
  t: DemoDivision,
  styleOf: (t: DemoDivision, c: DemoDivision) => VillageStyle,
): DemoDivision[] {
  const like = children.filter((c) => c.kind === 'community_like').length;
  return children.filter((c) => {
    const s = styleOf(t, c);
    return s === 'seat_community' || s === 'town_community' || (s === 'community_like' && like <= 3);
  });
}
