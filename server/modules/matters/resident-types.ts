import type { PublishedType } from '../../../common/domain/catalogue';

/**
 * The types a resident picks from on the report form: what people in a grid actually see and
 * complain about, by the county's published catalogue codes (resources/catalogue/matter-types.csv).
 * The full catalogue (257 types, most of them grid workers' own duties such as data collection or
 * case follow-up) would be unusable on a phone. Only those the county has published are offered.
 */
const COMMON = [
  // 城市管理
  '090102', '090103', '090101', '090201', '090407', '090404', '090405', '090406', '090410', '090301', '090302',
  // 市政公用设施
  '100202', '100106', '100108', '100304', '100301', '100402', '100205',
  // 突发事件（市政管线、路面）
  '050204', '050202', '050205', '050206', '050207', '050201',
  // 公共安全隐患
  '040102', '040105', '040206', '040407', '040408', '040301',
  // 矛盾纠纷
  '010102',
  // 社情民意
  '110102', '110103',
];

/** 其他: the catalogue's own catch-all for residents' concerns (Art. 14 (三) 反映群众诉求), or the general one. */
const OTHER = ['110101', '130301'];

export interface ResidentTypeGroup {
  name: string;
  types: { code: string; name: string }[];
}

export interface ResidentTypes {
  groups: ResidentTypeGroup[];
  /** The type 其他 stands for, or null when the county has published neither catch-all. */
  other: string | null;
  /** Every code the form may send. */
  codes: Set<string>;
}

/** The resident's short list out of a county's published types, grouped by the catalogue's first level. */
export function residentTypes(published: PublishedType[]): ResidentTypes {
  const byCode = new Map(published.map((t) => [t.code, t]));
  const groups: ResidentTypeGroup[] = [];
  for (const code of COMMON) {
    const t = byCode.get(code);
    if (!t || t.directToPolice) continue;
    let g = groups.find((x) => x.name === t.path[0]);
    if (!g) groups.push((g = { name: t.path[0], types: [] }));
    g.types.push({ code: t.code, name: t.name });
  }
  const other = OTHER.find((c) => byCode.has(c)) ?? null;
  const codes = new Set(groups.flatMap((g) => g.types.map((t) => t.code)));
  if (other) codes.add(other);
  return { groups, other, codes };
}
