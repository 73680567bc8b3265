import type { StaffRole } from '../../../common/domain/staff';
import { addDays, addMonths, addYears, daysBetween, minDay } from './days';
import type { Rng } from './random';
import { isUrbanVillage, placePrefix } from './staff-places';
import { birthDate, compoundNames, type Gender, IdNumbers, personName, PhonePool, ruralAddress, urbanAddress } from './staff-people';
import type { Post } from './staff-posts';
import type { DemoPerson } from './staff-types';

/** One person's record for a post: who they are, their contract and insurance (Art. 28). */

/** Age (min, mode, max) and the share of women, by role, background or sending sector. */
function profile(post: Post): { age: [number, number, number]; female: number } {
  switch (post.role) {
    case 'fulltime':
      return { age: [22, 30, 50], female: 0.62 };
    case 'grid_head':
      return { age: [30, 47, 62], female: 0.5 };
    case 'parttime':
      switch (post.background) {
        case 'retired_party':
          return { age: [55, 62, 65], female: 0.4 };
        case 'deputy':
        case 'cppcc':
          return { age: [35, 50, 62], female: 0.4 };
        case 'mediator':
          return { age: [35, 52, 65], female: 0.45 };
        case 'social_org':
          return { age: [25, 38, 60], female: 0.55 };
        case 'self_party':
          return { age: [30, 50, 65], female: 0.5 };
        default:
          return { age: [22, 40, 65], female: 0.55 };
      }
    case 'professional':
      return { age: [25, 38, 58], female: post.sector === 'ga' ? 0.2 : post.sector === 'cg' ? 0.25 : post.sector === 'sfxz' || post.sector === 'wy' ? 0.5 : 0.35 };
    case 'exclusive':
      return { age: [25, 40, 58], female: 0.5 };
    default:
      return { age: [30, 55, 65], female: 0.55 };
  }
}

/** Chance of accident insurance on record (Art. 28: for 专职 and 兼职 workers). */
const ACCIDENT: Partial<Record<StaffRole, number>> = { fulltime: 0.95, parttime: 0.55, grid_head: 0.4, exclusive: 0.3, building_head: 0.2, unit_head: 0.2 };

export class PersonMaker {
  private ids = new IdNumbers();
  private compounds = new Map<string, string[]>();
  private n = 0;
  constructor(
    private today: string,
    private phones: PhonePool,
  ) {}

  private address(rng: Rng, post: Post): string {
    const v = post.village;
    const place = placePrefix(post.township);
    if (!isUrbanVillage(v) && post.grids[0].kind === 'rural') return ruralAddress(rng, place, v.short);
    let names = this.compounds.get(v.code);
    if (!names) this.compounds.set(v.code, (names = compoundNames(v.short, rng)));
    return urbanAddress(rng, `${place}`, rng.pick(names));
  }

  /** A person for `post`, first appointed on `firstDay`; `until` is the exit day of one who left. */
  make(rng: Rng, post: Post, firstDay: string, until: string | null = null): DemoPerson {
    const { age, female } = profile(post);
    const gender: Gender = rng.next() < female ? 'female' : 'male';
    const birth = birthDate(rng, this.today, age[0], age[1], age[2]);
    const countyCode = post.township.countyCode;
    const lastDay = addDays(this.today, -1);
    const end = until ?? lastDay;
    const contracted = post.role === 'fulltime';
    let contractStart: string | null = null;
    let contractEnd: string | null = null;
    if (contracted) {
      contractStart = firstDay;
      contractEnd = addDays(addYears(contractStart, 3), -1);
      // A contract that ran out while the person stayed was renewed for another three years.
      while (!until && contractEnd < addDays(this.today, 20)) {
        contractStart = addDays(contractEnd, 1);
        contractEnd = addDays(addYears(contractStart, 3), -1);
      }
    }
    const social = contracted && rng.next() < 0.93 ? minDay(addMonths(`${firstDay.slice(0, 8)}01`, 1), lastDay) : null;
    let accidentSince: string | null = null;
    let accidentUntil: string | null = null;
    if (rng.next() < (ACCIDENT[post.role] ?? 0.25)) {
      accidentSince = firstDay;
      // Yearly policies: the one running on the last day served, or (for a few) one that lapsed.
      const years = Math.max(0, Math.floor(daysBetween(firstDay, end) / 365.25));
      const lapsed = !until && years >= 1 && rng.next() < 0.06;
      accidentUntil = addDays(addYears(firstDay, lapsed ? years : years + 1), -1);
    }
    return {
      key: `p${++this.n}`,
      role: post.role,
      name: personName(rng, gender, Number(birth.slice(0, 4))),
      gender,
      idNumber: this.ids.next(rng, countyCode.slice(0, 6), birth, gender),
      birthDate: birth,
      phone: this.phones.mobile(),
      homeAddress: this.address(rng, post),
      employer: post.employer,
      employerOrgCode: post.employerOrgCode,
      townshipCode: post.township.code,
      countyCode,
      contractStart,
      contractEnd,
      socialInsuranceSince: social,
      accidentInsuranceSince: accidentSince,
      accidentInsuranceUntil: accidentUntil,
      status: until ? 'exited' : 'active',
      createdOn: firstDay,
      account: null,
    };
  }
}
