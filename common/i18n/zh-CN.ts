/** Chinese labels for the codes stored in the database (enums are English text codes + CHECK). */
export const roleLabels = {
  city_centre: '市网格化管理服务中心',
  county_centre: '县（市、区）网格化管理服务中心',
  street_centre: '街道（乡镇）网格化管理服务中心',
  community_station: '社区（村）网格化管理服务站',
  grid_head: '网格长',
  grid_worker: '网格员',
  department: '网格联动部门',
  county_government: '县（市、区）人民政府',
  sys_admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '安全审计员',
} as const;

export const divisionKindLabels = {
  city: '地级市',
  county: '县（市、区）',
  management_area: '特定管理区域',
  street: '街道',
  town: '镇',
  township: '乡',
  township_like: '类似乡级单位',
  community: '社区',
  village: '村',
  community_like: '类似社区',
  village_like: '类似村',
} as const;

export const specialUnitLabels = {
  farm: '农场',
  forest_farm: '林场',
  forestry_bureau: '林业局',
  mine: '矿区',
  prison: '监狱',
  breeding_farm: '良种场/种畜场',
  other: '其他',
} as const;

export const gridKindLabels = { urban: '城市网格', rural: '农村网格', exclusive: '专属网格' } as const;

export const gridSubKindLabels = {
  resident_group: '居民小组',
  residential_compound: '住宅小区',
  courtyard: '楼院',
  villager_group: '村民小组',
  natural_village: '自然村',
  admin_centre: '行政中心',
  office_building: '商务楼宇',
  market: '商厦市场',
  school: '学校',
  hospital: '医院',
  park: '园区',
  enterprise: '企事业单位',
} as const;

export const gridLevelLabels = { grid: '网格', micro: '微网格' } as const;
export const gridStatusLabels = { active: '在用', retired: '已撤销' } as const;
export const partyOrgLabels = { branch: '党支部', group: '党小组', joint_branch: '联合党支部' } as const;

export const changeKindLabels = {
  create: '新建',
  split: '拆分',
  merge: '合并',
  redraw: '调整边界',
  retire: '撤销',
} as const;
export const changeStatusLabels = {
  proposed: '待生效',
  applied: '已生效',
  withdrawn: '已撤回',
} as const;
export const filingStatusLabels = { pending: '待确认', acknowledged: '已确认' } as const;
