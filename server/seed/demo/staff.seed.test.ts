import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { verifyAuditChain } from '../../modules/audit/audit.service';
import { DEMO_USERS } from './demo.seed';
import { seedDemoStaff } from './staff.seed';

/**
 * The demo staff as the real services read them, on the seeded test database (the template gets
 * them through prepareDatabase with demo: true).
 */

let t: TestApp;
let city: string;
const CHANGHAI = '231102001006';
beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('city');
});
afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const count = async (table: 'staff' | 'organisations', where?: [string, string]) => {
  let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe('demo staff in the database', () => {
  it('shows realistic staffing gaps city-wide, load-limit cases and vacancies against the quotas', async () => {
    const r = await get('/api/staffing/gaps', city);
    expect(r.statusCode, r.body).toBe(200);
    const gaps = json(r);
    expect(gaps.totals.grids).toBeGreaterThan(3_700);
    expect(gaps.totals.byGap.no_fulltime / gaps.totals.grids).toBeGreaterThan(0.5);
    expect(gaps.totals.byGap.no_fulltime / gaps.totals.grids).toBeLessThan(0.7);
    expect(gaps.totals.byGap.no_head).toBeGreaterThan(30);
    expect(gaps.totals.byGap.no_head).toBeLessThan(200);
    expect(gaps.totals.byGap.no_exclusive).toBeGreaterThan(0);
    expect(gaps.totals.byGap.no_exclusive).toBeLessThan(20);
    // The city streets are better staffed than the countryside.
    const aihui = json(await get('/api/staffing/gaps?within=231102001000', city));
    expect(aihui.totals.byGap.no_fulltime / aihui.totals.grids).toBeLessThan(0.2);
    expect(gaps.overloaded.length).toBeGreaterThanOrEqual(3);
    for (const o of gaps.overloaded) expect(o).toMatchObject({ role: 'fulltime', grids: 3, limit: 2 });
    const quotas = new Map(gaps.quotas.map((q: { countyCode: string }) => [q.countyCode, q]));
    expect(quotas.get('231102000000')).toMatchObject({ quotaIsDefault: false });
    expect((quotas.get('231102000000') as { vacancies: number }).vacancies).toBeGreaterThan(0);
    expect(quotas.get('231123000000')).toMatchObject({ quotaIsDefault: true });
    const filled = gaps.quotas.reduce((s: number, q: { filled: number }) => s + q.filled, 0);
    expect(filled).toBeGreaterThan(1_200);
    expect(filled).toBeLessThan(1_450);
  });

  it('lets a certified worker take matters and refuses an uncertified one', async () => {
    const worker = await t.db.selectFrom('staff as s').innerJoin('users as u', 'u.id', 's.user_id').select('s.id').where('u.username', '=', 'changhai-wgy').executeTakeFirstOrThrow();
    await t.built.certification.requireEligible(worker.id);
    const uncertified = await t.db
      .selectFrom('staff as s')
      .select(['s.id', 's.name'])
      .where('s.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('certificates as c').select('c.id').whereRef('c.staff_id', '=', 's.id'))))
      .where((eb) => eb.exists(eb.selectFrom('staff_assignments as a').select('a.id').whereRef('a.staff_id', '=', 's.id').where('a.valid_to', 'is', null)))
      .orderBy('s.id')
      .executeTakeFirstOrThrow();
    await expect(t.built.certification.requireEligible(uncertified.id)).rejects.toThrow('尚未通过岗前培训');
    const suspended = await t.db.selectFrom('certificates').select('staff_id').where('status', '=', 'suspended').orderBy('number').executeTakeFirstOrThrow();
    await expect(t.built.certification.requireEligible(suspended.staff_id)).rejects.toThrow('暂停');
  });

  it('answers who serves a staffed grid, and the linked worker sees their own valid work ID', async () => {
    const grid = await t.db
      .selectFrom('staff_assignments as a')
      .innerJoin('grids as g', 'g.id', 'a.grid_id')
      .innerJoin('users as u', (j) => j.on('u.username', '=', 'changhai-wgy'))
      .innerJoin('staff as s', (j) => j.onRef('s.id', '=', 'a.staff_id').onRef('s.user_id', '=', 'u.id'))
      .select('g.code')
      .where('a.valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    expect(grid.code.startsWith(CHANGHAI)).toBe(true);
    const r = await get(`/api/grids/${grid.code}/staff`, city);
    expect(r.statusCode, r.body).toBe(200);
    const roles = (json(r).items as { role: string; phone: string }[]).map((x) => x.role);
    expect(roles).toEqual(expect.arrayContaining(['fulltime', 'grid_head']));
    for (const x of json(r).items as { phone: string }[]) expect(x.phone).toMatch(/^1450456\d{4}$/);

    const me = await get('/api/me/work-id', await t.login('changhai-wgy'));
    expect(me.statusCode, me.body).toBe(200);
    expect(json(me)).toMatchObject({ valid: true });
    expect(json(me).ref).toMatch(/^[a-z2-9]{26}$/);
    expect(await t.built.certification.verify(json(me).ref)).toMatchObject({ valid: true, roles: ['专职网格员'] });
    const head = await get('/api/me/work-id', await t.login('changhai-wgz'));
    expect(json(head)).toMatchObject({ valid: true });
  });

  it('shows each department only the professional workers it sends, and lets the service unit and station sign in', async () => {
    const police = await t.login('aihui-ga');
    const list = json(await get('/api/staff?limit=1000', police));
    expect(list.total).toBeGreaterThan(5);
    for (const s of list.items as { roles: string[] }[]) expect(s.roles).toContain('professional');
    for (const u of DEMO_USERS.filter((x) => x.role === 'department')) await t.login(u.username);
    await t.login('changhai');
    // The station's daily assessments and the street's annual ones, as the street centre lists them.
    const street = await t.login('huayuan');
    const daily = json(await get('/api/assessments?kind=daily&limit=100', street)).items as { assessorUnit: string }[];
    expect(daily.length).toBeGreaterThan(0);
    expect(daily.every((a) => a.assessorUnit === '长海社区居委会')).toBe(true);
    const annual = json(await get('/api/assessments?kind=annual&limit=500', street));
    expect(annual.items.length).toBeGreaterThan(10);
  });

  it('lists the service units with demo duty phones and the county centres with a demo complaint hotline', async () => {
    const units = json(await get('/api/organisations?within=231102000000&kind=service_unit', city)).items as { sector: string; dutyPhone: string }[];
    expect(units.map((u) => u.sector).sort()).toEqual(['gd', 'gr', 'gs', 'ps', 'rq', 'wy', 'wy', 'wy']);
    for (const u of units) expect(u.dutyPhone).toMatch(/^0456-01\d{5}$/);
    const centre = await t.db.selectFrom('organisations').select(['duty_phone', 'complaint_phone']).where('code', '=', '231102000000-wg').executeTakeFirstOrThrow();
    expect(centre.complaint_phone).toMatch(/^0456-01\d{5}$/);
    // Five utilities per county, three property companies in 爱辉区 and 北安市, two elsewhere.
    expect(await count('organisations', ['source', 'demo'])).toBe(6 * 5 + 2 * 3 + 4 * 2);
  });

  it('keeps assignments exactly as the decisions say, and writes one audit entry for the whole load', async () => {
    const broken = await sql<{ n: number }>`
      select count(*)::int as n from staff_assignments a
        join staff_decisions o on o.id = a.opened_by
        left join staff_decisions c on c.id = a.closed_by
       where o.staff_id <> a.staff_id or o.effective_on <> a.valid_from
          or (a.closed_by is null) <> (a.valid_to is null) or c.effective_on <> a.valid_to`.execute(t.db);
    expect(broken.rows[0].n).toBe(0);
    const adjusted = await t.db
      .selectFrom('staff_decisions as d')
      .innerJoin('staff as s', 's.id', 'd.staff_id')
      .select(['s.id', 's.county_code'])
      .where('d.kind', '=', 'adjust')
      .orderBy('d.id')
      .executeTakeFirstOrThrow();
    const centre = DEMO_USERS.find((u) => u.role === 'county_centre' && u.scopeCode === adjusted.county_code)!;
    const detail = json(await get(`/api/staff/${adjusted.id}`, await t.login(centre.username)));
    expect(detail.decisions.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['adjust', 'appoint']));
    expect(detail.history.length).toBeGreaterThanOrEqual(2);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'seed.demo_staff').execute();
    expect(audit).toHaveLength(1);
    expect(await t.db.selectFrom('audit_log').select('seq').where('action', 'like', 'staff.%').execute()).toHaveLength(0);
    expect(await verifyAuditChain(t.db)).toBeNull();
  });

  it('does nothing when run again', async () => {
    const before = await count('staff');
    expect(before).toBeGreaterThan(5_000);
    expect(await seedDemoStaff(t.db, { clock: t.clock, tree: t.built.tree, accounts: DEMO_USERS })).toBeNull();
    expect(await count('staff')).toBe(before);
  });
});
