/**
 * The organisations of the grid system (Art. 4, 5, 22): the grid centres of every level, the linked
 * departments, the service units and the people's organisations. Codes are the division's 12-digit
 * code plus a short sector key (e.g. 231102000000-mz for 爱辉区民政局), stable across renames.
 */
export const orgKindLabels = {
  grid_centre: '网格化管理服务机构',
  department: '网格联动部门',
  service_unit: '网格服务单位',
  people_org: '人民团体',
  government: '人民政府',
} as const;
export type OrgKind = keyof typeof orgKindLabels;

/** The linked departments of Art. 4, in the regulation's order, with how a county-level body is usually named. */
export const DEPARTMENT_SECTORS = [
  { key: 'zfw', label: '政法委', name: (p: Place) => `中共${p.name}委政法委员会` },
  { key: 'mz', label: '民政', name: (p: Place) => `${p.name}民政局` },
  { key: 'yshj', label: '营商环境', name: (p: Place) => `${p.name}营商环境建设监督局` },
  { key: 'sjgl', label: '数据管理', name: (p: Place) => `${p.name}数据局` },
  { key: 'ga', label: '公安', name: (p: Place) => (p.level === 'city' ? `${p.name}公安局` : p.district ? `黑河市公安局${p.short}分局` : `${p.name}公安局`) },
  { key: 'xf', label: '信访', name: (p: Place) => `${p.name}信访局` },
  { key: 'sw', label: '税务', name: (p: Place) => `国家税务总局${p.name}税务局` },
  { key: 'sfxz', label: '司法行政', name: (p: Place) => `${p.name}司法局` },
  { key: 'cg', label: '城市管理', name: (p: Place) => `${p.name}城市管理综合执法局` },
  { key: 'zj', label: '住房和城乡建设', name: (p: Place) => `${p.name}住房和城乡建设局` },
  { key: 'rs', label: '人力资源和社会保障', name: (p: Place) => `${p.name}人力资源和社会保障局` },
  { key: 'scjg', label: '市场监督管理', name: (p: Place) => `${p.name}市场监督管理局` },
  { key: 'zrzy', label: '自然资源', name: (p: Place) => `${p.name}自然资源局` },
  { key: 'sthj', label: '生态环境', name: (p: Place) => (p.level === 'city' ? `${p.name}生态环境局` : `黑河市生态环境局${p.short}分局`) },
  { key: 'wj', label: '卫生健康', name: (p: Place) => `${p.name}卫生健康局` },
  { key: 'mzzj', label: '民族宗教', name: (p: Place) => `${p.name}民族宗教事务局` },
  { key: 'nync', label: '农业农村', name: (p: Place) => `${p.name}农业农村局` },
  { key: 'yjgl', label: '应急管理', name: (p: Place) => `${p.name}应急管理局` },
  { key: 'xfjy', label: '消防救援', name: (p: Place) => (p.level === 'city' ? `${p.name}消防救援支队` : `${p.name}消防救援大队`) },
] as const;

/** The service units of Art. 4 (供水、排水、燃气、供热、供电、物业). */
export const SERVICE_SECTORS = [
  { key: 'gs', label: '供水', name: (p: Place) => `${p.name}供水公司` },
  { key: 'ps', label: '排水', name: (p: Place) => `${p.name}排水公司` },
  { key: 'rq', label: '燃气', name: (p: Place) => `${p.name}燃气公司` },
  { key: 'gr', label: '供热', name: (p: Place) => `${p.name}热力公司` },
  { key: 'gd', label: '供电', name: (p: Place) => `国网${p.name}供电公司` },
  { key: 'wy', label: '物业', name: (p: Place) => `${p.name}物业服务企业（汇总）` },
] as const;

export const PEOPLE_ORG_SECTORS = [
  { key: 'gh', label: '工会', name: (p: Place) => `${p.name}总工会` },
  { key: 'gqt', label: '共青团', name: (p: Place) => `共青团${p.name}委员会` },
  { key: 'fl', label: '妇联', name: (p: Place) => `${p.name}妇女联合会` },
] as const;

export interface Place {
  code: string;
  name: string;
  /** Without the 区/县/市 suffix, for names such as 黑河市公安局爱辉分局. */
  short: string;
  level: 'city' | 'county' | 'township' | 'village';
  /** A city district (区), whose police and environment bodies are branches of the city's. */
  district: boolean;
}

export const sectorLabel = (key: string): string | undefined =>
  [...DEPARTMENT_SECTORS, ...SERVICE_SECTORS, ...PEOPLE_ORG_SECTORS].find((s) => s.key === key)?.label;

export function orgCode(divisionCode: string, key: string): string {
  return `${divisionCode}-${key}`;
}
