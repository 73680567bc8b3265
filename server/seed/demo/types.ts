import type { GridCodingRule } from '../../../common/domain/grid-code';
import type { AreaGeometry, Position } from '../../../common/geo/types';

/** Public shapes of the demo territory generator (re-exported by territory.ts). */

export interface DemoDivision {
  /** 12-digit code (NBS 统计用区划代码) */
  code: string;
  parentCode: string | null;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  /** street | town | township | township_like, community | village | community_like | village_like, … */
  kind: string;
}

export interface DemoCounty {
  /** 6- or 12-digit county code */
  code: string;
  name: string;
  /** WGS-84; the outer ring of the largest polygon is used, snapped to 6 decimals. */
  boundary: AreaGeometry;
  /** WGS-84 position of the county seat; falls back to a point near the outline's centre. */
  seat?: Position;
}

export interface DemoGrid {
  key: string;
  code: string;
  level: 'grid' | 'micro';
  /** the grid's code for micro-grids */
  parentCode: string | null;
  /** the community/village (12 digits), or the management area's code */
  divisionCode: string;
  kind: 'urban' | 'rural' | 'exclusive';
  /** urban: resident_group | residential_compound | courtyard; rural: villager_group | natural_village;
   *  exclusive: admin_centre | office_building | market | school | hospital | park | enterprise */
  subKind: string;
  name: string;
  /** only for exclusive grids */
  owningUnit: string | null;
  households: number;
  population: number;
  /** Art. 10: 党支部 / 党小组 / 联合党支部 */
  partyOrg: { type: 'branch' | 'group' | 'joint_branch'; name: string };
  boundary: AreaGeometry;
}

export interface DemoTerritory {
  /** The county outlines actually partitioned (6-decimal, the union of their townships). */
  countyBoundaries: Map<string, AreaGeometry>;
  townshipBoundaries: Map<string, AreaGeometry>;
  communityBoundaries: Map<string, AreaGeometry>;
  managementArea: { code: string; name: string; parentCode: string; boundary: AreaGeometry };
  /** grids and micro-grids, ordered by code */
  grids: DemoGrid[];
}

export interface DemoTerritoryInput {
  counties: DemoCounty[];
  divisions: DemoDivision[];
  rule: GridCodingRule;
  seed?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
}
