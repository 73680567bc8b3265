import { CERTIFICATE_YEARS, type StaffRole } from '../../../common/domain/staff';
import { addDays, addMonths, addYears, dayBetween, maxDay, minDay } from './days';
import { chineseNumber } from './names';
import { compareText, createRng, subSeed } from './random';
import type { Tenure } from './staff-history';
import type { DemoAttendance, DemoCertificate, DemoCourse, DemoWorkId } from './staff-types';

/**
 * Pre-job training and certification (Art. 27): each township ran one or two courses; whoever was
 * appointed before a course (or within three months after it) sat it, most passed and were
 * certified for three years, numbered per county and year as the service numbers them. People
 * appointed since the last course are not certified yet. A few certificates are suspended (some
 * reinstated since), the dismissed lost theirs; the county issued work IDs to most certified 专职.
 */

export interface Training {
  courses: DemoCourse[];
  attendance: DemoAttendance[];
  certificates: DemoCertificate[];
  workIds: DemoWorkId[];
}

const ATTENDS: Record<StaffRole, number> = { fulltime: 0.96, grid_head: 0.88, parttime: 0.82, professional: 0.7, exclusive: 0.65, building_head: 0.3, unit_head: 0.3 };
const WORK_ID: Record<StaffRole, number> = { fulltime: 0.85, grid_head: 0.3, parttime: 0.1, professional: 0.2, exclusive: 0.4, building_head: 0, unit_head: 0 };
const SUSPENSIONS = ['群众投诉核查期间暂停上岗', '连续两次日常考核不合格，停岗学习', '未按要求参加在岗培训，暂停上岗'];

export function buildTraining(tenures: readonly Tenure[], today: string, seed: number): Training {
  const last = addDays(today, -1);
  const month = (n: number) => addMonths(today, n);
  const courses: DemoCourse[] = [];
  const attendance: DemoAttendance[] = [];
  const certificates: DemoCertificate[] = [];
  const workIds: DemoWorkId[] = [];

  const byTownship = new Map<string, Tenure[]>();
  for (const t of tenures) {
    const list = byTownship.get(t.person.townshipCode);
    if (list) list.push(t);
    else byTownship.set(t.person.townshipCode, [t]);
  }
  const certOf = new Map<Tenure, DemoCertificate>();
  for (const [code, people] of [...byTownship].sort((a, b) => compareText(a[0], b[0]))) {
    const rng = createRng(subSeed(seed, code, 'training'));
    const township = people[0].post.township;
    const starts = rng.next() < 0.6 ? [dayBetween(month(-30), month(-24), rng.next()), dayBetween(month(-10), month(-3), rng.next())] : [dayBetween(month(-18), month(-6), rng.next())];
    const own: DemoCourse[] = starts.map((startsOn, i) => {
      const days = rng.next() < 0.7 ? 3 : 2;
      const year = startsOn.slice(0, 4);
      const nth = starts.filter((s, j) => j <= i && s.slice(0, 4) === year).length;
      return {
        key: `${code}:c${i + 1}`,
        name: `${year} 年第${chineseNumber(nth)}期网格员岗前培训`,
        townshipCode: code,
        countyCode: township.countyCode,
        startsOn,
        endsOn: addDays(startsOn, days - 1),
        hours: days * 8,
        location: rng.pick([`${township.name}党群服务中心`, `${township.name}网格化管理服务中心培训室`, `${township.name}新时代文明实践所`]),
        createdOn: addDays(startsOn, -rng.int(10, 30)),
        by: code,
      };
    });
    courses.push(...own);
    for (const t of people) {
      const sure = t.linked !== null || t.dismissed;
      const open = own.filter((c) => addDays(c.endsOn, 90) >= t.firstDay && (!t.exitDay || c.endsOn < t.exitDay));
      for (const [i, c] of open.entries()) {
        if (i > 0 && certOf.has(t)) break;
        const attended = sure || rng.next() < (i === 0 ? ATTENDS[t.post.role] : 0.8);
        const passed = attended && (sure || rng.next() < (i === 0 ? 0.93 : 0.85));
        if (!attended && i === 0 && !['fulltime', 'parttime', 'grid_head'].includes(t.post.role)) break;
        attendance.push({ courseKey: c.key, personKey: t.person.key, attended, passed, score: attended ? (passed ? rng.int(62, 98) : rng.int(40, 59)) : null });
        if (!passed) continue;
        const cert: DemoCertificate = {
          key: `${t.person.key}:cert`,
          personKey: t.person.key,
          number: '',
          courseKey: c.key,
          issuedOn: c.endsOn,
          expiresOn: addYears(c.endsOn, CERTIFICATE_YEARS),
          status: 'valid',
          statusReason: null,
          events: [{ kind: 'issued', reason: null, on: c.endsOn }],
          by: code,
        };
        certificates.push(cert);
        certOf.set(t, cert);
        break;
      }
    }
  }
  numberCertificates(certificates, tenures);

  const rng = createRng(subSeed(seed, 'certificates'));
  // Suspensions among the active and certified; a third of them reinstated since.
  const candidates = rng.shuffle(tenures.filter((t) => !t.exitDay && !t.linked && certOf.has(t) && certOf.get(t)!.issuedOn < addDays(today, -120)));
  for (const [i, t] of candidates.slice(0, 9).entries()) {
    const c = certOf.get(t)!;
    const reason = rng.pick(SUSPENSIONS);
    const on = dayBetween(addDays(c.issuedOn, 60), addDays(today, -30), rng.next());
    c.events.push({ kind: 'suspended', reason, on });
    if (i < 3) c.events.push({ kind: 'reinstated', reason: '整改学习合格，恢复上岗', on: dayBetween(addDays(on, 14), last, rng.next()) });
    else Object.assign(c, { status: 'suspended', statusReason: reason });
  }
  for (const t of tenures) {
    const c = certOf.get(t);
    if (!c || !t.dismissed || !t.exitDay) continue;
    c.events.push({ kind: 'revoked', reason: '严重违反工作纪律', on: t.exitDay });
    Object.assign(c, { status: 'revoked', statusReason: '严重违反工作纪律' });
  }

  // Work IDs from the county, some days after certification; the ones of people who left are withdrawn.
  let replaced = 0;
  for (const t of tenures) {
    const c = certOf.get(t);
    if (!c || !(t.linked || rng.next() < WORK_ID[t.post.role])) continue;
    // Not before the person serves a grid: the county issues only to the certified and serving.
    const from = maxDay(addDays(c.issuedOn, 7), t.firstDay);
    if (from > last) continue;
    const issuedOn = dayBetween(from, minDay(addDays(from, 53), last), rng.next());
    const by = t.person.countyCode;
    const ended = c.events.find((e) => e.kind === 'revoked')?.on ?? t.exitDay;
    if (!t.exitDay && !t.linked && c.status === 'valid' && replaced < 3 && issuedOn < addDays(today, -60)) {
      const lost = dayBetween(addDays(issuedOn, 20), addDays(today, -20), rng.next());
      workIds.push({ personKey: t.person.key, issuedOn, expiresOn: c.expiresOn, revokedOn: lost, revokedReason: '工作证遗失，申请补发', by });
      workIds.push({ personKey: t.person.key, issuedOn: lost, expiresOn: c.expiresOn, revokedOn: null, revokedReason: null, by });
      replaced++;
      continue;
    }
    if (ended && ended <= issuedOn) continue;
    workIds.push({ personKey: t.person.key, issuedOn, expiresOn: c.expiresOn, revokedOn: ended ?? null, revokedReason: ended ? '人员退出，收回工作证' : null, by });
  }
  return { courses, attendance, certificates, workIds };
}

/** {county6}-{year}-{seq5}, counted per county and year in the order of issue, as the service does. */
function numberCertificates(certificates: DemoCertificate[], tenures: readonly Tenure[]): void {
  const county = new Map(tenures.map((t) => [t.person.key, t.person.countyCode.slice(0, 6)]));
  const order = (key: string) => Number(key.slice(1));
  const sorted = [...certificates].sort(
    (a, b) => compareText(county.get(a.personKey)!, county.get(b.personKey)!) || compareText(a.issuedOn, b.issuedOn) || order(a.personKey) - order(b.personKey),
  );
  const next = new Map<string, number>();
  for (const c of sorted) {
    const prefix = `${county.get(c.personKey)}-${c.issuedOn.slice(0, 4)}-`;
    const n = (next.get(prefix) ?? 0) + 1;
    next.set(prefix, n);
    c.number = `${prefix}${String(n).padStart(5, '0')}`;
  }
}
