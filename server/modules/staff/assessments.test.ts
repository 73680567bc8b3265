import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../common/domain/id-number';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { createAccessService } from '../access/access.service';

let t: TestApp;
let street: string;
let station: string;
let community: string;
const HUAYUAN = '231102001000';
beforeAll(async () => {
  t = await createTestApp();
  const access = createAccessService({ db: t.db, clock: t.clock, sessionHours: 12 });
  community = (await t.db.selectFrom('divisions').select('code').where('parent_code', '=', HUAYUAN).orderBy('code', 'desc').executeTakeFirstOrThrow()).code;
  await access.createUser(null, { username: 'station-a', password: 'Grid#Heihe9', role: 'community_station', scopeCode: community });
  [street, station] = [await t.login('huayuan'), await t.login('station-a', 'Grid#Heihe9')];
});
afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, payload: unknown, cookie: string) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });

describe('assessment lists per scope', () => {
  it('shows a community station the assessments of the workers serving its grids, its own daily ones included', async () => {
    const [g] = json(await get(`/api/grids?within=${community}`, street)).items as { code: string }[];
    const r = json(
      await post(
        '/api/staff/appointments',
        {
          person: { name: '冯站评', idNumber: makeIdNumber('231102', '1985-03-09', 733), phone: '13904569911', townshipCode: HUAYUAN },
          assignments: [{ gridCode: g.code, role: 'parttime', background: 'volunteer' }],
          effectiveOn: '2026-01-05',
          reason: '经社区推荐',
          decidingBody: '花园街道网格化管理服务中心',
        },
        street,
      ),
    );
    expect((await post('/api/assessments', { staffId: r.staffId, kind: 'daily', period: '2026-02-03', score: 91 }, station)).statusCode).toBe(201);
    expect((await post('/api/assessments', { staffId: r.staffId, kind: 'annual', period: '2025', score: 80 }, street)).statusCode).toBe(201);
    const mine = json(await get('/api/assessments', station)).items as { staffName: string; kind: string }[];
    expect(mine.filter((a) => a.staffName === '冯站评').map((a) => a.kind).sort()).toEqual(['annual', 'daily']);
    const ofPerson = json(await get(`/api/assessments?staffId=${r.staffId}`, station)).items;
    expect(ofPerson).toHaveLength(2);
    const other = (await t.db.selectFrom('divisions').select('code').where('parent_code', '=', HUAYUAN).orderBy('code').executeTakeFirstOrThrow()).code;
    const elsewhere = json(await get(`/api/assessments?within=${other}`, street)).items as { staffName: string }[];
    expect(elsewhere.some((a) => a.staffName === '冯站评')).toBe(false);
  });
});
