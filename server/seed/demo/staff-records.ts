import { gradeOf } from '../../../common/domain/staff';
import { addDays, addMonths, dayBetween, daysBetween, maxDay, minDay, weekdaysBetween } from './days';
import { createRng, subSeed } from './random';
import type { Tenure } from './staff-history';
import type { DemoAssessment, DemoAssignment, DemoLeave } from './staff-types';

/**
 * Paid leave of 专职 workers (Art. 28), and assessments (Art. 5, 29): daily ones by the community
 * stations and annual ones by the street centres that have demo accounts, since an assessment
 * names its assessor.
 */

const OTHER_LEAVE: readonly { note: string; days: number; women?: boolean }[] = [
  { note: '婚假', days: 10 },
  { note: '丧假', days: 3 },
  { note: '产假', days: 98, women: true },
];
const DAILY_REMARKS = ['走访记录完整', '巡查到位', '信息采集及时', '事项上报及时准确', '台账不够完整，需补记', null, null, null];

export function buildLeave(tenures: readonly Tenure[], today: string, seed: number): DemoLeave[] {
  const rng = createRng(subSeed(seed, 'leave'));
  const last = addDays(today, -1);
  const out: DemoLeave[] = [];
  for (const t of tenures) {
    if (t.post.role !== 'fulltime' || t.exitDay || rng.next() >= 0.25) continue;
    let from = maxDay(t.firstDay, addMonths(today, -12));
    for (let i = rng.int(1, 2); i > 0; i--) {
      if (from > addDays(last, -5)) break;
      const startsOn = dayBetween(from, addDays(last, -5), rng.next());
      const other = rng.next() < 0.2 ? rng.pick(OTHER_LEAVE.filter((o) => !o.women || t.person.gender === 'female')) : null;
      const endsOn = minDay(addDays(startsOn, other ? other.days - 1 : rng.int(2, 8)), last);
      // Annual leave counts working days; marriage, bereavement and maternity leave calendar days.
      const days = other ? daysBetween(startsOn, endsOn) + 1 : weekdaysBetween(startsOn, endsOn);
      if (days <= 0) continue;
      out.push({ personKey: t.person.key, kind: other ? 'other_paid' : 'annual_paid', startsOn, endsOn, days, note: other?.note ?? null, by: t.person.townshipCode });
      from = addDays(endsOn, 14);
    }
  }
  return out;
}

export function buildAssessments(
  tenures: readonly Tenure[],
  assignments: readonly DemoAssignment[],
  accounts: { stations: readonly string[]; streets: readonly string[] },
  today: string,
  seed: number,
): DemoAssessment[] {
  const rng = createRng(subSeed(seed, 'assessments'));
  const last = addDays(today, -1);
  const out: DemoAssessment[] = [];
  const score = () => (rng.next() < 0.06 ? rng.int(52, 68) : rng.int(72, 98));
  for (const station of accounts.stations) {
    // Daily checks of the 专职 and 兼职 serving the community now, on a few recent working days.
    const serving = assignments.filter((a) => a.validTo === null && a.divisionCode === station && (a.role === 'fulltime' || a.role === 'parttime'));
    const people = [...new Map(serving.map((a) => [a.personKey, a])).values()];
    for (const a of people) {
      const days = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const day = dayBetween(maxDay(a.validFrom, addDays(today, -30)), last, rng.next());
        const w = new Date(`${day}T00:00:00Z`).getUTCDay();
        if (w === 0 || w === 6 || days.has(day)) continue;
        days.add(day);
        const s = score();
        out.push({ personKey: a.personKey, kind: 'daily', period: day, score: s, grade: gradeOf(s), remarks: rng.pick(DAILY_REMARKS), assessorDivision: station, assessedOn: minDay(addDays(day, rng.int(0, 2)), last) });
      }
    }
  }
  const year = Number(today.slice(0, 4));
  for (const street of accounts.streets) {
    for (const t of tenures) {
      if (t.person.townshipCode !== street) continue;
      for (const y of [year - 2, year - 1]) {
        const from = `${y}-12-15`;
        if (t.firstDay > `${y}-10-01` || (t.exitDay && t.exitDay <= `${y}-12-31`) || from > last) continue;
        const s = score();
        out.push({
          personKey: t.person.key,
          kind: 'annual',
          period: String(y),
          score: s,
          grade: gradeOf(s),
          remarks: s < 60 ? '全年履职不到位，需限期整改' : s >= 95 ? '表现突出，推荐表彰' : null,
          assessorDivision: street,
          assessedOn: dayBetween(from, minDay(`${y + 1}-01-25`, last), rng.next()),
        });
      }
    }
  }
  return out;
}
