import { shortDivisionName } from './names';
import { compareText } from './random';
import type { DemoStaffGrid } from './staff-types';
import type { DemoDivision } from './types';

/** The demo's grids arranged by county, township and community, as the staff generator walks them. */

export interface PlacedGrid extends DemoStaffGrid {
  villageCode: string;
  townshipCode: string;
  countyCode: string;
}

export interface Village {
  code: string;
  name: string;
  /** 长海社区居委会 → 长海社区 */
  short: string;
  /** community | village | community_like | village_like */
  kind: string;
  grids: PlacedGrid[];
  micro: PlacedGrid[];
}

export interface Township {
  code: string;
  name: string;
  /** street | town | township | township_like */
  kind: string;
  countyCode: string;
  countyName: string;
  villages: Village[];
  /** every grid-level grid of the township, by code */
  grids: PlacedGrid[];
}

export interface County {
  code: string;
  name: string;
  kind: string;
  townships: Township[];
}

/**
 * Grids outside any township (the management area's, Art. 33) are left out: a person is always
 * managed by a township-level unit, which the management area has none of.
 */
export function placeGrids(divisions: readonly DemoDivision[], grids: readonly DemoStaffGrid[]): County[] {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const counties = new Map<string, County>();
  const townships = new Map<string, Township>();
  const villages = new Map<string, Village>();
  const sorted = [...divisions].sort((a, b) => compareText(a.code, b.code));
  for (const d of sorted) if (d.level === 'county') counties.set(d.code, { code: d.code, name: d.name, kind: d.kind, townships: [] });
  for (const d of sorted) {
    if (d.level !== 'township' || !d.parentCode) continue;
    const county = counties.get(d.parentCode);
    if (!county) continue;
    const t: Township = { code: d.code, name: d.name, kind: d.kind, countyCode: county.code, countyName: county.name, villages: [], grids: [] };
    townships.set(d.code, t);
    county.townships.push(t);
  }
  for (const d of sorted) {
    if (d.level !== 'village' || !d.parentCode) continue;
    const t = townships.get(d.parentCode);
    if (!t) continue;
    const v: Village = { code: d.code, name: d.name, short: shortDivisionName(d.name), kind: d.kind, grids: [], micro: [] };
    villages.set(d.code, v);
    t.villages.push(v);
  }
  for (const g of [...grids].sort((a, b) => compareText(a.code, b.code))) {
    const v = villages.get(g.divisionCode);
    const division = byCode.get(g.divisionCode);
    if (!v || !division?.parentCode) continue;
    const t = townships.get(division.parentCode)!;
    const placed: PlacedGrid = { ...g, villageCode: v.code, townshipCode: t.code, countyCode: t.countyCode };
    if (g.level === 'grid') {
      v.grids.push(placed);
      t.grids.push(placed);
    } else v.micro.push(placed);
  }
  for (const c of counties.values()) c.townships = c.townships.filter((t) => t.grids.length > 0);
  return [...counties.values()].filter((c) => c.townships.length > 0);
}

/** 爱辉区花园街道: the start of a home address. */
export const placePrefix = (t: Township): string => `${t.countyName}${t.name}`;

export const isUrbanVillage = (v: Village): boolean => v.kind === 'community' || v.kind === 'community_like';
