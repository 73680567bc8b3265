import { DEPARTMENT_SECTORS, orgCode, type Place } from '../../../common/domain/organisations';
import type { HeadBackground, ParttimeBackground, StaffRole } from '../../../common/domain/staff';
import { createRng, type Rng, subSeed } from './random';
import { limitsOf } from './staff-orgs';
import { type County, isUrbanVillage, type PlacedGrid, type Township, type Village } from './staff-places';
import type { DemoServiceUnit } from './staff-types';

/**
 * Who serves which grids today: one post per person, all of its grids in one township (the person
 * is managed there). The shape follows what Heihe reported (3,793 grids, 5,507 workers, 1,289 专职
 * in 2022): 专职 in almost every grid of the city streets and in a minority of rural ones, a head for
 * every two to five grids of a community with a few communities short of one, 兼职 the largest group.
 */

export interface Post {
  role: StaffRole;
  grids: PlacedGrid[];
  township: Township;
  /** where the person lives */
  village: Village;
  background: HeadBackground | ParttimeBackground | null;
  /** the sending department or service unit (专业) */
  sourceOrgCode: string | null;
  /** the sector key of the sending body, for the person's likely age and gender */
  sector: string | null;
  employer: string | null;
  employerOrgCode: string | null;
  /** a grid taken on later, beyond the county's limit (the load-limit check's demo case) */
  extra: PlacedGrid | null;
}

/** Share of grids with a 专职 worker, by township kind and grid kind. */
const FULLTIME_COVER: Record<string, { urban: number; rural: number }> = {
  street: { urban: 0.94, rural: 0.55 },
  town: { urban: 0.78, rural: 0.33 },
  township: { urban: 0.6, rural: 0.2 },
  township_like: { urban: 0.7, rural: 0.27 },
};
/** The prefecture seat and 北安 are better staffed than the large rural counties. */
const COUNTY_FACTOR: Record<string, number> = { '231102': 1.08, '231181': 1.05, '231123': 1, '231124': 0.95, '231182': 0.95, '231183': 0.9 };
/** Villages (communities) where some grids have no head, by township kind. */
const HEADLESS: Record<string, number> = { street: 0.04, town: 0.07, township: 0.1, township_like: 0.08 };

const PARTTIME_BACKGROUNDS: readonly [ParttimeBackground, number][] = [
  ['volunteer', 30], ['retired_party', 25], ['self_party', 15], ['mediator', 10], ['social_org', 8], ['deputy', 7], ['cppcc', 5],
];

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[0][0];
}

/** Consecutive runs of `items`, each of a size drawn by `size()`. */
function chunks<T>(items: readonly T[], size: () => number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const n = Math.max(1, size());
    out.push(items.slice(i, i + n));
    i += n;
  }
  return out;
}

function countyPlace(c: County): Place {
  return { code: c.code, name: c.name, short: c.name.replace(/(市|区|县)$/, ''), level: 'county', district: c.name.endsWith('区') };
}

interface Ctx {
  county: County;
  t: Township;
  units: readonly DemoServiceUnit[];
  seed: number;
}

function make(ctx: Ctx, role: StaffRole, grids: PlacedGrid[], over: Partial<Post> = {}): Post {
  const village = ctx.t.villages.find((v) => v.code === grids[0].villageCode)!;
  return { role, grids, township: ctx.t, village, background: null, sourceOrgCode: null, sector: null, employer: null, employerOrgCode: null, extra: null, ...over };
}

function fulltime(ctx: Ctx): Post[] {
  const { t } = ctx;
  const rng = createRng(subSeed(ctx.seed, t.code, 'fulltime'));
  const cover = FULLTIME_COVER[t.kind] ?? FULLTIME_COVER.township;
  const factor = COUNTY_FACTOR[t.countyCode.slice(0, 6)] ?? 1;
  // Townships differ: some have recruited, some have hardly started.
  const local = rng.range(0.65, 1.35);
  const employer = { employer: `${t.name}网格化管理服务中心`, employerOrgCode: orgCode(t.code, 'wg') };
  const posts: Post[] = [];
  for (const v of t.villages) {
    let last: Post | null = null;
    for (const g of v.grids) {
      if (g.kind === 'exclusive') continue;
      const p = Math.min(0.985, cover[g.kind] * factor * (g.kind === 'rural' ? local : 1));
      if (rng.next() >= p) {
        last = null;
        continue;
      }
      // In the countryside one 专职 often looks after two neighbouring villager groups.
      if (last && last.grids.length === 1 && rng.next() < (g.kind === 'rural' ? 0.3 : 0.04)) {
        last.grids.push(g);
        last = null;
        continue;
      }
      last = make(ctx, 'fulltime', [g], employer);
      posts.push(last);
      if (g.kind === 'urban' && t.kind === 'street' && rng.next() < 0.04) posts.push(make(ctx, 'fulltime', [g], employer));
    }
  }
  return posts;
}

function heads(ctx: Ctx): Post[] {
  const { t } = ctx;
  const rng = createRng(subSeed(ctx.seed, t.code, 'heads'));
  const posts: Post[] = [];
  for (const v of t.villages) {
    if (v.grids.length === 0) continue;
    const urban = isUrbanVillage(v);
    const runs =
      !urban && v.grids.length <= 5 && rng.next() < 0.75
        ? [v.grids.slice()]
        : chunks(v.grids, () => (urban ? weighted(rng, [[2, 1], [3, 3], [4, 3], [5, 1]]) : weighted(rng, [[2, 1], [3, 2], [4, 3], [5, 3]])));
    // A few communities have not named a head for every grid yet.
    if (rng.next() < (HEADLESS[t.kind] ?? 0.08) && (runs.length > 1 || rng.next() < 0.3)) runs.pop();
    for (const run of runs) {
      const background = rng.next() < 0.55 ? 'party_org' : 'committee';
      posts.push(make(ctx, 'grid_head', run, { background, employer: v.name, village: v }));
    }
  }
  return posts;
}

function parttime(ctx: Ctx): Post[] {
  const { t } = ctx;
  const rng = createRng(subSeed(ctx.seed, t.code, 'parttime'));
  const posts: Post[] = [];
  for (const v of t.villages) {
    const slots: PlacedGrid[] = [];
    for (const g of v.grids) {
      if (g.kind === 'exclusive') continue;
      const n = g.kind === 'urban' ? weighted(rng, [[0, 12], [1, 43], [2, 33], [3, 12]]) : weighted(rng, [[0, 55], [1, 38], [2, 7]]);
      for (let i = 0; i < n; i++) slots.push(g);
    }
    // Slots in grid order; a person takes one to three different grids of the community.
    while (slots.length > 0) {
      const want = weighted(rng, [[1, 65], [2, 25], [3, 10]]);
      const grids: PlacedGrid[] = [];
      for (let i = 0; i < slots.length && grids.length < want; ) {
        if (grids.some((g) => g.code === slots[i].code)) i++;
        else grids.push(slots.splice(i, 1)[0]);
      }
      posts.push(make(ctx, 'parttime', grids, { background: weighted(rng, PARTTIME_BACKGROUNDS), village: v }));
    }
  }
  return posts;
}

function professional(ctx: Ctx): Post[] {
  const { county, t, units } = ctx;
  const rng = createRng(subSeed(ctx.seed, t.code, 'professional'));
  const place = countyPlace(county);
  const street = t.kind === 'street';
  const town = t.kind === 'town';
  const urbanGrids = t.grids.filter((g) => g.kind !== 'rural');
  const posts: Post[] = [];
  const dept = (key: string) => {
    const s = DEPARTMENT_SECTORS.find((x) => x.key === key)!;
    return { sourceOrgCode: orgCode(county.code, key), employer: s.name(place), employerOrgCode: orgCode(county.code, key), sector: key };
  };
  const unit = (u: DemoServiceUnit) => ({ sourceOrgCode: u.code, employer: u.name, employerOrgCode: u.code, sector: u.sector });
  const send = (grids: PlacedGrid[], org: Partial<Post>) => grids.length > 0 && posts.push(make(ctx, 'professional', grids, org));
  const unitOf = (sector: string) => units.filter((u) => u.divisionCode === county.code && u.sector === sector);

  // 公安: community police, a few grids each in the city, a whole police-station area in the countryside.
  if (rng.next() < 0.85) for (const run of chunks(t.grids, () => (street ? rng.int(6, 10) : town ? rng.int(12, 20) : rng.int(16, 25)))) send(run, dept('ga'));
  // 司法: a people's mediator of the judicial office.
  if (rng.next() < 0.45) send(t.grids.slice(0, rng.int(18, 25)), dept('sfxz'));
  // 城管: urban management in the streets and town centres.
  if (street || (town && rng.next() < 0.5)) for (const run of chunks(urbanGrids, () => rng.int(8, 12))) send(run, dept('cg'));
  // Property companies manage compounds in the seat's communities.
  const properties = unitOf('wy');
  if (street || town) {
    for (const v of t.villages) {
      const urban = v.grids.filter((g) => g.kind === 'urban');
      if (urban.length > 0 && rng.next() < (street ? 0.55 : 0.25)) send(urban.slice(0, 25), { ...unit(rng.pick(properties)), village: v });
    }
  }
  const utility = (sector: string, p: number, grids: PlacedGrid[], size: [number, number], all: boolean) => {
    const [u] = unitOf(sector);
    if (!u || rng.next() >= p) return;
    const runs = chunks(grids, () => rng.int(size[0], size[1]));
    for (const run of all ? runs : runs.slice(0, 1)) send(run, unit(u));
  };
  utility('gd', 0.3, t.grids, [15, 25], false);
  utility('gr', street ? 0.6 : town ? 0.3 : 0, urbanGrids, [8, 15], true);
  utility('rq', street ? 0.35 : 0, urbanGrids, [10, 20], false);
  utility('gs', street ? 0.3 : 0, urbanGrids, [10, 20], false);
  utility('ps', street ? 0.2 : 0, urbanGrids, [10, 20], false);
  return posts;
}

function exclusive(ctx: Ctx): Post[] {
  const rng = createRng(subSeed(ctx.seed, ctx.t.code, 'exclusive'));
  const posts: Post[] = [];
  for (const g of ctx.t.grids) {
    if (g.kind !== 'exclusive' || rng.next() >= 0.85) continue;
    const n = rng.next() < 0.2 ? 2 : 1;
    for (let i = 0; i < n; i++) posts.push(make(ctx, 'exclusive', [g], { employer: g.owningUnit }));
  }
  return posts;
}

function micro(ctx: Ctx): Post[] {
  const rng = createRng(subSeed(ctx.seed, ctx.t.code, 'micro'));
  const posts: Post[] = [];
  for (const v of ctx.t.villages) {
    let last: Post | null = null;
    for (const m of v.micro) {
      if (rng.next() < 0.45) {
        if (last && last.grids[0].parentCode === m.parentCode && rng.next() < 0.15) last.grids.push(m);
        else posts.push((last = make(ctx, 'building_head', [m], { village: v })));
      } else last = null;
      if (rng.next() < 0.15) posts.push(make(ctx, 'unit_head', [m], { village: v }));
    }
  }
  return posts;
}

/** Counties where one 专职 worker also took on a third grid, over the limit of two. */
const OVER_LIMIT: Record<string, number> = { '231102000000': 1, '231123000000': 1, '231124000000': 1, '231182000000': 2 };

function overLimit(posts: Post[], counties: readonly County[], seed: number): void {
  const covered = new Set(posts.filter((p) => p.role === 'fulltime').flatMap((p) => p.grids.map((g) => g.code)));
  for (const c of counties) {
    const want = OVER_LIMIT[c.code] ?? 0;
    if (limitsOf(c.code).maxGridsFulltime !== 2) continue;
    const rng = createRng(subSeed(seed, c.code, 'over-limit'));
    const pairs = rng.shuffle(posts.filter((p) => p.role === 'fulltime' && p.grids.length === 2 && p.township.countyCode === c.code));
    let made = 0;
    for (const p of pairs) {
      if (made >= want) break;
      const free = p.township.grids.find((g) => g.villageCode === p.village.code && g.kind !== 'exclusive' && !covered.has(g.code));
      if (!free) continue;
      p.extra = free;
      covered.add(free.code);
      made++;
    }
  }
}

export function planPosts(counties: readonly County[], units: readonly DemoServiceUnit[], seed: number): Post[] {
  const posts: Post[] = [];
  for (const county of counties) {
    for (const t of county.townships) {
      const ctx: Ctx = { county, t, units, seed };
      posts.push(...fulltime(ctx), ...heads(ctx), ...parttime(ctx), ...professional(ctx), ...exclusive(ctx), ...micro(ctx));
    }
  }
  overLimit(posts, counties, seed);
  return posts;
}
