import { staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import { addDays, addMonths, dayBetween, maxDay } from './days';
import { createRng, type Rng, subSeed } from './random';
import type { PersonMaker } from './staff-person';
import type { PlacedGrid } from './staff-places';
import type { Post } from './staff-posts';
import type { DemoAssignment, DemoDecision, DemoPerson } from './staff-types';

/**
 * Appointments, adjustments and exits as dated decisions (Art. 13): every current post has its
 * appointment; some people came to their grids by an adjustment from another one; some grids had a
 * worker before who left (a successor took over on the day, or the grid has stood empty since);
 * a few 专职 took on a grid beyond their county's limit. Assignments follow the decisions exactly:
 * each opens on its decision's date and closes on the date of the decision that ended it.
 */

export interface Tenure {
  person: DemoPerson;
  post: Post;
  /** the day of the person's first appointment */
  firstDay: string;
  exitDay: string | null;
  /** exited for misconduct: the certificate is revoked */
  dismissed: boolean;
  linked: string | null;
}

export interface History {
  tenures: Tenure[];
  decisions: DemoDecision[];
  assignments: DemoAssignment[];
}

const APPOINT_REASON: Record<StaffRole, string> = {
  fulltime: '经公开招聘考试、考察，择优聘用',
  grid_head: '经社区（村）党组织研究提名',
  parttime: '本人自愿报名，经社区（村）推荐',
  professional: '由派出单位指派到网格',
  exclusive: '由网格所在单位配备',
  building_head: '经楼栋居民推选，社区（村）确认',
  unit_head: '经单元居民推选，社区（村）确认',
};
const EXIT_REASONS: Partial<Record<StaffRole, string[]>> = {
  fulltime: ['本人申请辞职', '聘用合同期满，本人不再续聘', '考入事业单位', '家庭原因迁居外地'],
  parttime: ['本人申请退出', '迁居外地', '身体原因不再担任'],
  grid_head: ['社区（村）“两委”换届，不再担任网格长'],
};
export const DISMISSAL_REASON = '严重违反工作纪律，予以解聘';

const describe = (role: StaffRole, grids: readonly PlacedGrid[]) => grids.map((g) => `${staffRoleLabels[role]}（${g.code}）`).join('、');

export function buildHistory(posts: readonly Post[], maker: PersonMaker, today: string, seed: number, linked: readonly { username: string; role: 'grid_head' | 'grid_worker'; communityCode: string }[]): History {
  const rng = createRng(subSeed(seed, 'history'));
  const last = addDays(today, -1);
  const month = (n: number) => addMonths(today, n);
  const tenures: Tenure[] = [];
  const decisions: DemoDecision[] = [];
  const assignments: DemoAssignment[] = [];

  // Many posts were filled in the months after the regulation took effect, the rest since.
  const startDay = (r: Rng, early: boolean) => {
    const wave = early || r.next() < 0.45;
    return wave ? dayBetween(month(-31), month(-27), r.next()) : dayBetween(month(-27), addDays(today, -14), r.next());
  };

  const body = (post: Post) =>
    post.role === 'professional' ? (post.employer ?? '') : post.role === 'exclusive' ? (post.grids[0].owningUnit ?? '') : `${post.township.name}网格化管理服务中心`;
  const by = (post: Post) => (post.role === 'professional' && post.sourceOrgCode ? post.sourceOrgCode : post.township.code);
  const counts = new Map<string, number>();
  const decide = (person: DemoPerson, post: Post, kind: DemoDecision['kind'], effectiveOn: string, reason: string, summary: string): string => {
    const n = (counts.get(person.key) ?? 0) + 1;
    counts.set(person.key, n);
    const key = `${person.key}:${n}`;
    decisions.push({ key, personKey: person.key, kind, effectiveOn, reason, decidingBody: body(post), summary, by: by(post) });
    return key;
  };
  const serve = (person: DemoPerson, post: Post, grids: readonly PlacedGrid[], from: string, openedBy: string, to: string | null = null, closedBy: string | null = null) => {
    for (const g of grids) {
      assignments.push({
        personKey: person.key,
        gridCode: g.code,
        role: post.role,
        background: post.background,
        sourceOrgCode: post.role === 'professional' ? post.sourceOrgCode : null,
        divisionCode: g.divisionCode,
        countyCode: g.countyCode,
        validFrom: from,
        validTo: to,
        openedBy,
        closedBy,
      });
    }
  };
  const appoint = (person: DemoPerson, post: Post, grids: readonly PlacedGrid[], on: string) =>
    decide(person, post, 'appoint', on, APPOINT_REASON[post.role], `任命${person.name}为${describe(post.role, grids)}`);
  const exit = (person: DemoPerson, post: Post, on: string, reason: string, open: number) => decide(person, post, 'exit', on, reason, `${person.name}退出（结束 ${open} 项任职）`);

  // Which posts carry a demo account, and which have a past.
  const linkedPost = new Map<Post, string>();
  for (const l of linked) {
    const role = l.role === 'grid_worker' ? 'fulltime' : 'grid_head';
    const p = posts.find((x) => x.role === role && x.grids[0].villageCode === l.communityCode && !linkedPost.has(x) && !x.extra);
    if (p) linkedPost.set(p, l.username);
  }
  // Linked accounts and over-limit cases start early, so that they have a certificate and room for later changes.
  const starts = posts.map((p) => startDay(rng, linkedPost.has(p) || p.extra !== null));
  const free = (i: number) => !linkedPost.has(posts[i]) && !posts[i].extra && starts[i] >= month(-26);
  const pickPosts = (role: StaffRole, n: number, taken: Set<number>) => {
    const candidates = rng.shuffle(posts.map((_, i) => i).filter((i) => posts[i].role === role && free(i) && !taken.has(i)));
    for (const i of candidates.slice(0, n)) taken.add(i);
    return new Set(candidates.slice(0, n));
  };
  const taken = new Set<number>();
  const successors = new Set([...pickPosts('fulltime', 30, taken), ...pickPosts('parttime', 15, taken), ...pickPosts('grid_head', 5, taken)]);
  const adjusted = new Set([...pickPosts('fulltime', 25, taken), ...pickPosts('parttime', 15, taken)]);

  posts.forEach((post, i) => {
    const start = starts[i];
    if (successors.has(i)) {
      // The predecessor served the same grids until the successor's first day.
      const from = dayBetween(month(-31), addDays(start, -120), rng.next());
      const reason = rng.pick(EXIT_REASONS[post.role] ?? ['本人申请退出']);
      const before = maker.make(rng, post, from, start);
      const open = appoint(before, post, post.grids, from);
      const closed = exit(before, post, start, reason, post.grids.length);
      serve(before, post, post.grids, from, open, start, closed);
      tenures.push({ person: before, post, firstDay: from, exitDay: start, dismissed: false, linked: null });
    }
    if (adjusted.has(i)) {
      // Came over from another grid of the township on `start`.
      const others = post.township.grids.filter((g) => g.kind !== 'exclusive' && !post.grids.some((x) => x.code === g.code));
      if (others.length > 0) {
        const from = dayBetween(month(-31), addDays(start, -90), rng.next());
        const previous = rng.pick(others);
        const person = maker.make(rng, post, from);
        const open = appoint(person, post, [previous], from);
        const moved = decide(
          person,
          post,
          'adjust',
          start,
          '工作需要，调整所负责网格',
          `调整${person.name}：增加${describe(post.role, post.grids)}；不再担任${describe(post.role, [previous])}`,
        );
        serve(person, post, [previous], from, open, start, moved);
        serve(person, post, post.grids, start, moved);
        tenures.push({ person, post, firstDay: from, exitDay: null, dismissed: false, linked: null });
        return;
      }
    }
    const person = maker.make(rng, post, start);
    const account = linkedPost.get(post) ?? null;
    person.account = account;
    serve(person, post, post.grids, start, appoint(person, post, post.grids, start));
    if (post.extra) {
      const on = dayBetween(addDays(start, 60), last, rng.next());
      const added = decide(person, post, 'adjust', on, '相邻网格专职网格员空缺，临时兼管', `调整${person.name}：增加${describe(post.role, [post.extra])}`);
      serve(person, post, [post.extra], on, added);
    }
    tenures.push({ person, post, firstDay: start, exitDay: null, dismissed: false, linked: account });
  });

  // 专职 who left rural grids that have had none since; two of them were dismissed.
  const covered = new Set(posts.filter((p) => p.role === 'fulltime').flatMap((p) => [...p.grids, ...(p.extra ? [p.extra] : [])].map((g) => g.code)));
  const templates = new Map<string, Post>();
  for (const p of posts) if (p.role === 'fulltime' && !templates.has(p.township.code)) templates.set(p.township.code, p);
  const vacant = rng.shuffle([...templates.values()].flatMap((p) => p.township.grids.filter((g) => g.kind === 'rural' && !covered.has(g.code)).map((g) => ({ g, p }))));
  let left = 0;
  for (const { g, p } of vacant) {
    if (left >= 15) break;
    const post: Post = { ...p, grids: [g], village: p.township.villages.find((v) => v.code === g.villageCode)!, extra: null };
    const from = dayBetween(month(-31), month(-20), rng.next());
    const to = dayBetween(maxDay(addDays(from, 150), month(-14)), addDays(today, -20), rng.next());
    const dismissed = left < 2;
    const reason = dismissed ? DISMISSAL_REASON : rng.pick(EXIT_REASONS.fulltime!);
    const person = maker.make(rng, post, from, to);
    const open = appoint(person, post, [g], from);
    serve(person, post, [g], from, open, to, exit(person, post, to, reason, 1));
    tenures.push({ person, post, firstDay: from, exitDay: to, dismissed, linked: null });
    left++;
  }
  return { tenures, decisions, assignments };
}
