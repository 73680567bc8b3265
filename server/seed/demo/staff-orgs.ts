import { DEPARTMENT_SECTORS, orgCode } from '../../../common/domain/organisations';
import { DEFAULT_STAFFING, type StaffingSettings } from '../../../common/domain/staff';
import { addDays } from './days';
import type { Rng } from './random';
import type { County } from './staff-places';
import type { PhonePool } from './staff-people';
import type { DemoOrgPhone, DemoServiceUnit, DemoSettings } from './staff-types';
import type { DemoDivision } from './types';

/**
 * The service units of each county (供水、排水、燃气、供热、供电 and two or three property
 * companies, Art. 4), the duty and complaint phones of the organisations, and the counties'
 * staffing rules. Company names are invented.
 */

const GAS = ['北疆', '龙源', '安泰', '兴旺'];
const HEAT = ['城北', '龙辉', '暖城', '恒温'];
const PROPERTY = ['嘉和', '宏宇', '龙滨', '恒安', '金穗', '北岸', '鑫诚', '安居', '锦程', '瑞丰', '万和', '泰达', '兴邦', '华庭', '盛世', '德润', '丰泽', '永信'];

export function serviceUnits(counties: readonly County[], rng: Rng): DemoServiceUnit[] {
  const out: DemoServiceUnit[] = [];
  const properties = rng.shuffle(PROPERTY);
  for (const c of counties) {
    const unit = (key: string, sector: string, name: string) => out.push({ code: orgCode(c.code, key), name, sector, divisionCode: c.code });
    unit('gs', 'gs', `${c.name}城市供水有限责任公司`);
    unit('ps', 'ps', `${c.name}排水管理有限公司`);
    unit('rq', 'rq', `${c.name}${rng.pick(GAS)}燃气有限公司`);
    unit('gr', 'gr', `${c.name}${rng.pick(HEAT)}热力有限公司`);
    unit('gd', 'gd', `${c.name}城乡电力服务有限公司`);
    const n = c.code.startsWith('231102') || c.code.startsWith('231181') ? 3 : 2;
    for (let i = 1; i <= n; i++) unit(`wy${i}`, 'wy', `${c.name}${properties.pop()!}物业服务有限公司`);
  }
  return out;
}

/** Duty phones of every grid centre, linked department and service unit; the county centres' complaint hotlines. */
export function orgPhones(divisions: readonly DemoDivision[], units: readonly DemoServiceUnit[], phones: PhonePool): DemoOrgPhone[] {
  const out: DemoOrgPhone[] = [];
  for (const d of divisions) {
    const countyCentre = d.level === 'county' || d.level === 'city';
    out.push({ code: orgCode(d.code, 'wg'), dutyPhone: phones.landline(), complaintPhone: countyCentre ? phones.landline() : null });
    if (d.level === 'city' || (d.level === 'county' && d.kind !== 'management_area')) {
      for (const s of DEPARTMENT_SECTORS) out.push({ code: orgCode(d.code, s.key), dutyPhone: phones.landline(), complaintPhone: null });
    }
  }
  for (const u of units) out.push({ code: u.code, dutyPhone: phones.landline(), complaintPhone: null });
  return out;
}

/** Counties that have set their own rules (Art. 13); the others stay on the defaults. */
const OWN_RULES: Record<string, Omit<StaffingSettings, 'fulltimeQuota'>> = {
  '231102000000': { maxGridsHead: 5, maxGridsFulltime: 2, maxGridsParttime: 3, maxGridsProfessional: 30 },
  '231181000000': { maxGridsHead: 5, maxGridsFulltime: 2, maxGridsParttime: 3, maxGridsProfessional: 25 },
  '231183000000': { maxGridsHead: 5, maxGridsFulltime: 3, maxGridsParttime: 4, maxGridsProfessional: 30 },
};

export function limitsOf(countyCode: string): StaffingSettings {
  const own = OWN_RULES[countyCode];
  return own ? { ...own, fulltimeQuota: null } : { ...DEFAULT_STAFFING };
}

/** The quota (员额) a little above the posts filled, so every county with rules shows vacancies. */
export function staffingSettings(filledByCounty: ReadonlyMap<string, number>, today: string, rng: Rng): DemoSettings[] {
  return Object.entries(OWN_RULES).map(([countyCode, limits]) => {
    const filled = filledByCounty.get(countyCode) ?? 0;
    return {
      countyCode,
      ...limits,
      fulltimeQuota: Math.ceil((filled * rng.range(1.12, 1.3)) / 10) * 10,
      updatedOn: addDays(today, -rng.int(40, 300)),
      by: countyCode,
    };
  });
}
