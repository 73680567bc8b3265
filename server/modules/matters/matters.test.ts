import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { workerGrid } from '../../../test/support/matter-fixtures';
import { multipart } from '../../../test/support/xlsx';

/**
 * The matters loop over HTTP, on the seeded demo (爱辉区 / 花园街道 / 长海社区): every path of the
 * ladder, the deadline sweep, the resident's tracking and rating, and the refusals.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
let place: { gridCode: string; lng: number; lat: number };
const USERS = ['changhai-wgy', 'changhai', 'huayuan', 'aihui', 'aihui-gr', 'aihui-mz', 'aihui-ga', 'xunke', 'city'];
const signIn = async () => {
  for (const u of USERS) cookies[u] = await t.login(u);
};
beforeAll(async () => {
  t = await createTestApp();
  await signIn();
  place = await workerGrid(t);
});
afterAll(async () => t?.close());

const HEAT_COVER = '100106'; // 热力井盖破损或缺失: 供热, 16 working hours, verified on site, fed back
const NEIGHBOURS = '010102'; // 邻里纠纷: 司法行政
const ATTACK = '030402'; // 威胁、侮辱、殴打网格员: straight to the county 公安

const as = (user: string) => ({
  get: (url: string) => t.app.inject({ url, headers: { cookie: cookies[user] } }),
  post: (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user] }, payload }),
});
async function report(body: Record<string, unknown> = {}, user = 'changhai-wgy') {
  const r = await as(user).post('/api/matters', {
    typeCode: HEAT_COVER,
    description: '长海小区3号楼前热力井盖破损，行人易跌落',
    location: { lng: place.lng, lat: place.lat, source: 'gps' },
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return json(r) as { matter: { id: string; number: string; state: string; level: string }; trackingCode: string };
}
async function act(user: string, id: string, body: object, status = 200) {
  const r = await as(user).post(`/api/matters/${id}/actions`, body);
  expect(r.statusCode, r.body).toBe(status);
  return json(r);
}
const detail = async (user: string, id: string) => json(await as(user).get(`/api/matters/${id}`));
const kinds = async (id: string) => (await detail('aihui', id)).timeline.map((e: { kind: string }) => e.kind);
const track = (code: string) => t.app.inject({ url: `/api/public/track/${code}` });
const rate = (code: string, body: object) => t.app.inject({ method: 'POST', url: `/api/public/track/${code}/rating`, payload: body });
const counts = async () => {
  const r = await sql<{ m: number; e: number; j: number }>`select (select count(*) from matters)::int as m, (select count(*) from matter_events)::int as e, (select count(*) from jobs)::int as j`.execute(t.db);
  return r.rows[0];
};
async function photo(user: string) {
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#a33' } }).jpeg().toBuffer();
  const m = multipart(jpeg, 'scene.jpg', 'photo');
  const r = await t.app.inject({ method: 'POST', url: '/api/matter-photos', headers: { ...m.headers, cookie: cookies[user] }, payload: m.payload });
  expect(r.statusCode, r.body).toBe(201);
  return json(r).id as string;
}

describe('resolved on the spot (就地解决)', () => {
  it('is closed at once, recorded for the file with its result and photo, and counted as such', async () => {
    const shot = await photo('changhai-wgy');
    const m = await report({ resolvedOnSpot: true, result: '已放置警示桩并通知物业更换井盖', photoKeys: [shot] });
    expect(m.matter.state).toBe('closed');
    const d = await detail('changhai-wgy', m.matter.id);
    expect(d.timeline).toMatchObject([{ kind: 'resolve_on_spot', toState: 'closed', reason: '已放置警示桩并通知物业更换井盖', actorKind: 'worker' }]);
    expect(d.photos).toHaveLength(1);
    const img = await t.app.inject({ url: `/api/matters/${m.matter.id}/photos/${d.photos[0].id}?size=thumb`, headers: { cookie: cookies['changhai-wgy'] } });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toMatch(/image\//);
    const row = await t.db.selectFrom('matters').select(['flow', 'first_receiver_staff_id', 'reporter_staff_id']).where('id', '=', m.matter.id).executeTakeFirstOrThrow();
    expect(row.flow).toMatchObject({ outcome: 'resolved_on_spot' });
    expect(json(await track(m.trackingCode))).toMatchObject({ stateText: '已由网格员现场解决', mayRate: false });
    expect(row.first_receiver_staff_id).toBe(row.reporter_staff_id);
    // The photo was used once; it can't be attached to a second matter.
    const again = await as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: '再次使用同一张照片', location: { lng: place.lng, lat: place.lat, source: 'gps' }, photoKeys: [shot] });
    expect(again.statusCode).toBe(422);
    expect(json(again).error.message).toMatch(/已用于其他事项/);
  });
});

describe('photos', () => {
  it('keep where the camera says they were taken as data, and never in the stored file', async () => {
    const gps = { GPSLatitudeRef: 'N', GPSLatitude: '50/1 14/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '127/1 29/1 4500/100' };
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a6' } }).withExifMerge({ IFD3: gps }).jpeg().toBuffer();
    const m = multipart(jpeg, 'gps.jpg', 'photo');
    const up = await t.app.inject({ method: 'POST', url: '/api/matter-photos', headers: { ...m.headers, cookie: cookies['changhai-wgy'] }, payload: m.payload });
    expect(up.statusCode, up.body).toBe(201);
    expect(json(up).takenAt.lat).toBeCloseTo(50 + 14 / 60 + 30 / 3600, 5);
    expect(json(up).takenAt.lng).toBeCloseTo(127 + 29 / 60 + 45 / 3600, 5);
    const { matter } = await report({ photoKeys: [json(up).id] });
    const row = await t.db.selectFrom('matter_photos').select(['id', 'taken_lat']).where('matter_id', '=', matter.id).executeTakeFirstOrThrow();
    expect(row.taken_lat).toBeCloseTo(50.2417, 3);
    const file = await t.app.inject({ url: `/api/matters/${matter.id}/photos/${row.id}`, headers: { cookie: cookies['changhai-wgy'] } });
    expect(file.statusCode).toBe(200);
    expect((await sharp(file.rawPayload).metadata()).exif).toBeUndefined();
  });
});

describe('the full ladder: community → street → county → unit → verified → fed back → rated', () => {
  it('walks every level, with an event for each step saying who, which level and the deadline', async () => {
    const m = await report();
    const id = m.matter.id;
    expect(m.matter).toMatchObject({ state: 'pending', level: 'community' });
    expect(json(await as('changhai').get('/api/matters?queue=mine')).items.map((x: { id: string }) => x.id)).toContain(id);

    await act('changhai', id, { action: 'escalate', reason: '涉及供热管网，社区无法协调' });
    // The community can no longer act; the street now can.
    expect((await detail('changhai', id)).actions).toEqual([]);
    expect((await detail('huayuan', id)).actions).toContain('escalate');
    await act('huayuan', id, { action: 'escalate', reason: '需县级协调热力公司' });
    const atCounty = await detail('aihui', id);
    expect(atCounty.matter).toMatchObject({ level: 'county', state: 'pending' });
    expect(atCounty.actions).toEqual(expect.arrayContaining(['dispatch', 'handle_self']));
    expect(atCounty.actions).not.toContain('escalate');

    await act('aihui', id, { action: 'dispatch', orgCode: '231102000000-gr' });
    expect((await detail('aihui-gr', id)).actions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect(json(await as('aihui-gr').get('/api/matters?queue=mine')).items.map((x: { id: string }) => x.id)).toContain(id);
    await act('aihui-gr', id, { action: 'accept' });
    const shot = await photo('aihui-gr');
    const afterResult = await act('aihui-gr', id, { action: 'report_result', result: '已更换新井盖并加固', photoKeys: [shot] });
    expect(afterResult.matter.state).toBe('verifying');

    // The grid's worker verifies on site and feeds the result back to the resident.
    expect(json(await as('changhai-wgy').get('/api/matters?queue=mine')).items.map((x: { id: string }) => x.id)).toContain(id);
    await act('changhai-wgy', id, { action: 'verify', passed: true, reason: '现场查看，井盖已更换牢固', photoKeys: [await photo('changhai-wgy')] });
    const closed = await act('changhai-wgy', id, { action: 'feed_back', method: 'phone', reason: '电话告知反映人，已满意' });
    expect(closed.matter.state).toBe('closed');

    const timeline = closed.timeline as { kind: string; level: string; actorKind: string; deadlineAt: string | null; step: string | null }[];
    expect(timeline.map((e) => e.kind)).toEqual(['report', 'escalate', 'escalate', 'dispatch', 'accept', 'report_result', 'verify', 'feed_back']);
    expect(timeline.map((e) => e.level)).toEqual(['community', 'street', 'county', 'county', 'county', 'county', 'county', 'county']);
    expect(timeline.find((e) => e.kind === 'accept')).toMatchObject({ step: 'handling', actorKind: 'unit' });
    expect(timeline.find((e) => e.kind === 'accept')!.deadlineAt).toBeTruthy();
    expect(closed.photos).toHaveLength(2);

    // The resident sees plain words only, and rates it.
    const pub = json(await track(m.trackingCode));
    expect(pub.stateText).toBeTruthy();
    expect(JSON.stringify(pub)).not.toMatch(/已更换新井盖|现场查看|changhai|李科长|热力公司（网格服务单位）|邢/);
    expect(pub.mayRate).toBe(true);
    const r = await rate(m.trackingCode, { rating: 'satisfied' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await kinds(id)).toContain('rate');
    expect(json(await track(m.trackingCode)).mayRate).toBe(false);
    expect((await rate(m.trackingCode, { rating: 'satisfied' })).statusCode).toBe(409);
  });
});

describe('return and re-dispatch', () => {
  it('goes back to the dispatching level, which must dispatch again; another unit than the default needs a reason', async () => {
    const { matter } = await report();
    await act('changhai', matter.id, { action: 'escalate', reason: '需街道协调' });
    const noReason = await as('huayuan').post(`/api/matters/${matter.id}/actions`, { action: 'dispatch', orgCode: '231102000000-mz' });
    expect(noReason.statusCode).toBe(422);
    expect(json(noReason).error.message).toMatch(/请填写理由/);
    await act('huayuan', matter.id, { action: 'dispatch', orgCode: '231102000000-mz', reason: '涉及困难群众取暖，先请民政局核实' });
    // A unit it was not given to can't act on it.
    const stranger = await as('aihui-gr').post(`/api/matters/${matter.id}/actions`, { action: 'accept' });
    expect([403, 404]).toContain(stranger.statusCode);
    await act('aihui-mz', matter.id, { action: 'return', reason: '井盖维修不属于民政职责' });
    const back = await detail('huayuan', matter.id);
    expect(back.matter).toMatchObject({ state: 'pending', level: 'street' });
    await act('huayuan', matter.id, { action: 'dispatch', orgCode: '231102000000-gr' });
    await act('aihui-gr', matter.id, { action: 'accept' });
    expect(await kinds(matter.id)).toEqual(['report', 'escalate', 'dispatch', 'return', 'dispatch', 'accept']);
    // The unit that returned it still reads what it was sent, but has nothing to do.
    expect((await detail('aihui-mz', matter.id)).actions).toEqual([]);
  });
});

describe('requests approved from above', () => {
  it('extends the deadline when the dispatching level approves, and keeps it when refused', async () => {
    const { matter } = await report();
    await act('changhai', matter.id, { action: 'dispatch', orgCode: '231102000000-gr' });
    await act('aihui-gr', matter.id, { action: 'accept' });
    const before = (await detail('aihui-gr', matter.id)).matter.deadlineAt;
    await act('aihui-gr', matter.id, { action: 'request', kind: 'extension', reason: '需采购特制井盖', extraHours: 16 });
    // Not the requester's own approval, nor a level that did not dispatch it.
    expect((await as('aihui-gr').post(`/api/matters/${matter.id}/actions`, { action: 'decide_request', approved: true, reason: '同意' })).statusCode).toBe(403);
    expect((await as('huayuan').post(`/api/matters/${matter.id}/actions`, { action: 'decide_request', approved: true, reason: '同意' })).statusCode).toBe(403);
    const ok = await act('changhai', matter.id, { action: 'decide_request', approved: true, reason: '同意延期两个工作日' });
    expect(new Date(ok.matter.deadlineAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    const extended = ok.matter.deadlineAt;
    await act('aihui-gr', matter.id, { action: 'request', kind: 'extension', reason: '再申请延期一次', extraHours: 8 });
    const refused = await act('changhai', matter.id, { action: 'decide_request', approved: false, reason: '时限充足，不予延期' });
    expect(refused.matter.deadlineAt).toBe(extended);
    expect(await kinds(matter.id)).toEqual(['report', 'dispatch', 'accept', 'request_extension', 'decide_request', 'request_extension', 'decide_request']);
  });

  it('parks a matter with the street’s approval and resumes it', async () => {
    const { matter } = await report({ typeCode: NEIGHBOURS, description: '楼上楼下因漏水产生纠纷' });
    await act('changhai', matter.id, { action: 'request', kind: 'park', reason: '当事人外出务工，春节后回来调解' });
    const pending = await detail('changhai', matter.id);
    expect(pending.matter.request).toMatchObject({ kind: 'park' });
    // While a request waits, nothing else moves.
    expect((await as('changhai').post(`/api/matters/${matter.id}/actions`, { action: 'handle_self' })).statusCode).toBe(409);
    const parked = await act('huayuan', matter.id, { action: 'decide_request', approved: true, reason: '同意挂账' });
    expect(parked.matter.state).toBe('parked');
    expect(parked.matter.deadlineAt).toBeNull();
    const resumed = await act('changhai', matter.id, { action: 'unpark', reason: '当事人已返回' });
    expect(resumed.matter.state).toBe('pending');
    expect(resumed.matter.deadlineAt).toBeTruthy();
  });

  it('voids a matter with the approval of the level above', async () => {
    const { matter, trackingCode } = await report({ description: '测试上报，误报的井盖问题' });
    await act('changhai', matter.id, { action: 'request', kind: 'void', reason: '现场核实为误报' });
    const voided = await act('huayuan', matter.id, { action: 'decide_request', approved: true, reason: '同意作废' });
    expect(voided.matter.state).toBe('voided');
    expect(voided.actions).toEqual([]);
    expect(json(await track(trackingCode)).stateText).toMatch(/不予受理|作废|撤销|终止/);
  });
});

describe('failed verification and rework', () => {
  it('sends the matter back to its handler, counts the rework, and closes after a passed second check', async () => {
    const { matter } = await report();
    await act('changhai', matter.id, { action: 'dispatch', orgCode: '231102000000-gr' });
    await act('aihui-gr', matter.id, { action: 'accept' });
    await act('aihui-gr', matter.id, { action: 'report_result', result: '已处理' });
    const failed = await act('changhai-wgy', matter.id, { action: 'verify', passed: false, reason: '井盖仍然松动' });
    expect(failed.matter).toMatchObject({ state: 'handling', reworks: 1 });
    expect((await detail('aihui-gr', matter.id)).actions).toContain('report_result');
    await act('aihui-gr', matter.id, { action: 'report_result', result: '已重新固定' });
    await act('changhai-wgy', matter.id, { action: 'verify', passed: true, reason: '复查合格' });
    expect((await detail('aihui', matter.id)).matter.state).toBe('feedback');
  });
});

describe('obstruction or violence against a grid worker (Art. 16, 32)', () => {
  it('goes straight to the county 公安 at top priority, bypassing the ladder, and the street sees it', async () => {
    const { matter } = await report({ typeCode: ATTACK, description: '入户走访时被住户辱骂推搡' });
    expect(matter).toMatchObject({ state: 'dispatched', level: 'county' });
    const d = await detail('aihui-ga', matter.id);
    expect(d.matter.priority).toBe('top');
    expect(d.actions).toContain('accept');
    expect(d.timeline[0].kind).toBe('report_direct');
    expect(json(await as('huayuan').get('/api/matters')).items.map((x: { id: string }) => x.id)).toContain(matter.id);
    expect((await detail('changhai', matter.id)).actions).toEqual([]);
  });
});

describe('intake by the hotline, duplicates and merging', () => {
  it('keeps the caller’s phone masked except for the handler who must call back, and audits each full view', async () => {
    const r = await as('aihui').post('/api/matters', {
      source: 'hotline',
      typeCode: HEAT_COVER,
      description: '12345 来电：长海小区热力井盖缺失',
      gridCode: place.gridCode,
      reporter: { name: '王女士', phone: '13900001234' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = json(r).matter.id;
    const seen = await detail('changhai', id);
    expect(seen.reporter.phone).toBe('139****1234');
    expect(seen.mayCallBack).toBe(true);
    expect(JSON.stringify(await detail('huayuan', id))).not.toContain('13900001234');
    expect((await as('huayuan').post(`/api/matters/${id}/reporter-phone`, { reason: '想了解情况' })).statusCode).toBe(403);
    const full = await as('changhai').post(`/api/matters/${id}/reporter-phone`, { reason: '回访反映人' });
    expect(json(full).phone).toBe('13900001234');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'matter.reporter_phone').execute();
    expect(audit.map((a) => a.entity_id)).toContain(id);
  });

  it('shows possible duplicates before submitting, and merges one into its original, informing through the original', async () => {
    const first = await report({ description: '热力井盖缺了一角' });
    const dup = json(await as('changhai-wgy').get(`/api/matters/duplicates?typeCode=${HEAT_COVER}&lng=${place.lng}&lat=${place.lat}`));
    expect(dup.items.map((x: { id: string }) => x.id)).toContain(first.matter.id);
    const second = await report({ description: '热力井盖破损同一处' });
    const merged = await act('changhai', second.matter.id, { action: 'merge', intoMatterId: first.matter.id, reason: '同一井盖' });
    expect(merged.matter.state).toBe('closed');
    expect(merged.matter.mergedInto).toMatchObject({ id: first.matter.id });
    expect(await kinds(first.matter.id)).toContain('duplicate_merged');
    expect(json(await track(second.trackingCode)).stateText).toMatch(/合并/);
    // Not into itself, nor into a closed or voided one.
    expect((await as('changhai').post(`/api/matters/${first.matter.id}/actions`, { action: 'merge', intoMatterId: first.matter.id })).statusCode).toBeGreaterThanOrEqual(400);
  });
});

describe('bad input changes nothing', () => {
  it('answers a clear Chinese 4xx', async () => {
    const loc = { lng: place.lng, lat: place.lat, source: 'gps' };
    const before = await counts();
    const cases: [number, () => Promise<{ statusCode: number; body: string }>, RegExp][] = [
      [422, () => as('changhai-wgy').post('/api/matters', { typeCode: '999999', description: '不存在的类型', location: loc }), /事项清单|类型/],
      [400, () => as('changhai-wgy').post('/api/matters', { typeCode: '12ab', description: '编码格式', location: loc }), /6 位数字/],
      [422, () => as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: '北京的井盖', location: { lng: 116.4, lat: 39.9, source: 'gps' } }), /黑河/],
      [400, () => as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: '没有位置' }), /位置/],
      [400, () => as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: '太多照片', location: loc, photoKeys: Array.from({ length: 10 }, (_, i) => `019c25f2-e000-7000-a844-5fd22f8cef4${i}`) }), /9 张/],
      [400, () => as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: '就地解决', location: loc, resolvedOnSpot: true }), /处置结果/],
      [422, () => as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: '别人的照片', location: loc, photoKeys: ['019c25f2-e000-7000-a844-5fd22f8cef41'] }), /照片/],
      [403, () => as('xunke').post('/api/matters', { typeCode: HEAT_COVER, description: '逊克县中心报爱辉的', gridCode: place.gridCode }), /管辖|范围/],
      [400, () => as('changhai-wgy').post('/api/matters', { typeCode: HEAT_COVER, description: 'NUL\u0000字符', location: loc }), /./],
    ];
    for (const [status, call, message] of cases) {
      const r = await call();
      expect(r.statusCode, r.body).toBe(status);
      expect(JSON.parse(r.body).error.message).toMatch(message);
    }
    // A file that is not a photo.
    const m = multipart(Buffer.from('<html>not a photo</html>'), 'x.jpg', 'photo');
    const up = await t.app.inject({ method: 'POST', url: '/api/matter-photos', headers: { ...m.headers, cookie: cookies['changhai-wgy'] }, payload: m.payload });
    expect(up.statusCode).toBeGreaterThanOrEqual(400);
    expect(up.statusCode).toBeLessThan(500);
    expect(json(up).error.message).toMatch(/照片|图片/);
    expect(await counts()).toEqual(before);
  });

  it('refuses transitions the state or the actor does not allow, and writes no event', async () => {
    const { matter } = await report();
    const before = await counts();
    const refusals: [string, object, number, RegExp][] = [
      ['changhai-wgy', { action: 'verify', passed: true, reason: '还没处理' }, 409, /待处置/],
      ['huayuan', { action: 'dispatch', orgCode: '231102000000-gr' }, 403, /社区/],
      ['aihui-gr', { action: 'accept' }, 409, /不能签收/],
      ['changhai', { action: 'accept' }, 409, /不能签收/],
      ['changhai', { action: 'decide_request', approved: true, reason: '无申请' }, 409, /没有待审批/],
      ['changhai', { action: 'dispatch', orgCode: '231123000000-gr' }, 422, /./],
      ['changhai', { action: 'escalate' }, 400, /上报理由/],
      ['changhai', { action: 'fly' }, 400, /不支持的操作/],
    ];
    for (const [user, body, status, message] of refusals) {
      const r = await as(user).post(`/api/matters/${matter.id}/actions`, body);
      expect(r.statusCode, `${user} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
      expect(json(r).error.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
    expect((await as('changhai').get('/api/matters/019c25f2-e000-7000-a844-000000000000')).statusCode).toBe(404);
    expect((await as('xunke').get(`/api/matters/${matter.id}`)).statusCode).toBe(404);
  });
});

describe('tasks outside the catalogue (Art. 16)', () => {
  it('lets a grid worker refuse one, recorded and visible to the street centre', async () => {
    const r = await as('changhai-wgy').post('/api/task-refusals', { askedBy: '某公司', description: '要求网格员代为催收物业费', reason: '不在事项清单之内' });
    expect(r.statusCode, r.body).toBe(201);
    const seen = json(await as('huayuan').get('/api/task-refusals'));
    expect(seen.items.map((x: { description: string }) => x.description)).toContain('要求网格员代为催收物业费');
    expect((await as('xunke').get('/api/task-refusals')).body).not.toContain('催收物业费');
  });
});

describe('deadlines swept as jobs, and a reopened matter', () => {
  it('warns at 75 %, escalates an overdue pending matter one level up once, however often the sweep runs', async () => {
    const { matter } = await report();
    const d0 = await detail('changhai', matter.id);
    const deadline = new Date(d0.matter.deadlineAt);
    t.clock.set(new Date(deadline.getTime() - 30 * 60_000));
    await t.built.matters.sweep();
    expect((await kinds(matter.id)).filter((k: string) => k === 'warn')).toHaveLength(1);
    t.clock.set(new Date(deadline.getTime() + 60_000));
    await signIn();
    await Promise.all([t.built.matters.sweep(), t.built.matters.sweep()]);
    await t.built.matters.sweep();
    const k = await kinds(matter.id);
    expect(k.filter((x: string) => x === 'escalate_overdue')).toHaveLength(1);
    const up = await detail('huayuan', matter.id);
    expect(up.matter.level).toBe('street');
    expect(up.actions).toContain('dispatch');
    // The street's own period has a new deadline, later than now.
    expect(new Date(up.matter.deadlineAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
  });

  it('runs the sweep as of a given time (deadlines sweep --at), stamping the events with that time', async () => {
    const { matter } = await report();
    const deadline = new Date((await detail('changhai', matter.id)).matter.deadlineAt);
    const at = new Date(deadline.getTime() + 5 * 60_000);
    const r = await t.built.matters.sweep({ at });
    expect(r.done).toBeGreaterThanOrEqual(2);
    const events = (await detail('aihui', matter.id)).timeline as { kind: string; at: string }[];
    expect(events.find((e) => e.kind === 'escalate_overdue')?.at).toBe(at.toISOString());
    expect(events.find((e) => e.kind === 'warn')?.at).toBe(at.toISOString());
  });

  it('reopens a closed matter once after 不满意 with a reason, back at the level that closed it', async () => {
    const { matter, trackingCode } = await report();
    await act('changhai', matter.id, { action: 'handle_self' });
    await act('changhai', matter.id, { action: 'report_result', result: '社区已协调物业更换' });
    await act('changhai-wgy', matter.id, { action: 'verify', passed: true, reason: '已更换' });
    await act('changhai-wgy', matter.id, { action: 'feed_back', method: 'visit', reason: '上门告知' });
    // Handled by the community itself: the resident is not told a unit did it.
    const words = json(await track(trackingCode)).progress.map((p: { text: string }) => p.text);
    expect(words).toContain('社区（村）网格化管理服务机构已办理完毕');
    expect(words).not.toContain('承办单位已办理完毕');
    const noReason = await rate(trackingCode, { rating: 'unsatisfied' });
    expect(noReason.statusCode).toBe(400);
    const r = await rate(trackingCode, { rating: 'unsatisfied', reason: '新井盖仍有晃动' });
    expect(r.statusCode, r.body).toBe(200);
    const reopened = await detail('changhai', matter.id);
    expect(reopened.matter).toMatchObject({ state: 'pending', level: 'community', reopens: 1 });
    await act('changhai', matter.id, { action: 'handle_self' });
    await act('changhai', matter.id, { action: 'report_result', result: '再次加固' });
    await act('changhai-wgy', matter.id, { action: 'verify', passed: true, reason: '复查' });
    await act('changhai-wgy', matter.id, { action: 'feed_back', method: 'phone', reason: '电话告知' });
    expect((await rate(trackingCode, { rating: 'unsatisfied', reason: '还是不满意' })).statusCode).toBe(200);
    expect((await detail('changhai', matter.id)).matter.state).toBe('closed');
  });
});

describe('deadlines follow the county’s calendar', () => {
  it('recounts a provisional deadline running into a year without data once the county enters and declares it', async () => {
    t.clock.set('2026-12-31T15:00:00+08:00');
    await signIn();
    // Registered by the community station (the demo worker's certificate has lapsed by this date).
    const { matter } = await report({ gridCode: place.gridCode, location: undefined, source: 'department' }, 'changhai');
    await act('changhai', matter.id, { action: 'dispatch', orgCode: '231102000000-gr' });
    await act('aihui-gr', matter.id, { action: 'accept' });
    const before = (await detail('aihui', matter.id)).matter;
    // 16 working hours from Thursday 15:00: chinese-days has no 2027, so 1 January counts as a workday, provisionally.
    expect(before).toMatchObject({ deadlineProvisional: true });
    const days = await as('aihui').post('/api/calendar/counties/231102000000/days', {
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' },
        { day: '2027-01-03', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(days.statusCode, days.body).toBe(201);
    expect((await as('aihui').post('/api/calendar/counties/231102000000/years', { year: 2027 })).statusCode).toBe(201);
    await t.built.matters.sweep();
    const after = await detail('aihui', matter.id);
    expect(after.matter.deadlineProvisional).toBe(false);
    expect(new Date(after.matter.deadlineAt).getTime()).toBeGreaterThan(new Date(before.deadlineAt).getTime());
    expect(new Date(after.matter.deadlineAt).toISOString()).toBe(new Date('2027-01-05T15:00:00+08:00').toISOString());
    const recounts = after.timeline.filter((e: { kind: string }) => e.kind === 'deadline_recount');
    expect(recounts.length).toBeGreaterThanOrEqual(1);
    expect(recounts.at(-1).data).toMatchObject({ from: before.deadlineAt, provisional: false });
    // The jobs of the old revision find themselves stale: at the old deadline nothing happens.
    t.clock.set(new Date(before.deadlineAt));
    await signIn();
    await t.built.matters.sweep();
    expect((await detail('aihui', matter.id)).timeline.map((e: { kind: string }) => e.kind)).not.toContain('overdue');
  });
});

const onPostgres = !!process.env.TEST_DATABASE_URL;
describe.skipIf(!onPostgres)('two app processes on one PostgreSQL database', () => {
  it('sweep the same due jobs at once and escalate an overdue matter exactly once', async () => {
    const peer = await createTestApp({ peerOf: t });
    try {
      const { matter } = await report({ gridCode: place.gridCode, location: undefined, source: 'department' }, 'changhai');
      const deadline = new Date((await detail('changhai', matter.id)).matter.deadlineAt);
      const at = new Date(deadline.getTime() + 60_000);
      const [a, b] = await Promise.all([t.built.matters.sweep({ at, batch: 1 }), peer.built.matters.sweep({ at, batch: 1 })]);
      expect(a.failed + b.failed).toBe(0);
      const k = await kinds(matter.id);
      expect(k.filter((x: string) => x === 'escalate_overdue')).toHaveLength(1);
      expect(k.filter((x: string) => x === 'warn')).toHaveLength(1);
    } finally {
      await peer.close();
    }
  });
});
