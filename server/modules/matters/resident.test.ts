import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { workerGrid } from '../../../test/support/matter-fixtures';

/**
 * The resident's pages over HTTP: the report form a grid's QR code opens (/r/{code}), posted as a
 * browser posts it (multipart, real JPEG), the tracking page (/t/{code}) that must never show what
 * the handlers wrote, the rating, and every refusal leaving nothing stored.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
let grid: string;
let jpeg: Buffer;
const MARKER = '内部备注XQ7';

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['changhai-wgy', 'changhai', 'huayuan', 'aihui', 'aihui-gr']) cookies[u] = await t.login(u);
  grid = (await workerGrid(t)).gridCode;
  jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
});
afterAll(async () => t?.close());

type Part = { name: string; value: string } | { name: string; file: Buffer; filename: string; type?: string };
/** A multipart/form-data body as the browser sends the report form (empty file inputs included). */
function multipart(parts: Part[]) {
  const boundary = `----wgform${randomBytes(6).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('file' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'image/jpeg'}\r\n\r\n`), p.file, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let nextAddress = 1;
function fields(v: Record<string, string> = {}): Part[] {
  const all = { typeCode: '090102', description: '小区东门垃圾桶满溢三天没人清运', address: '长海小区东门', phone: '', ...v };
  return Object.entries(all).map(([name, value]) => ({ name, value }));
}
const photo = (file = jpeg, filename = 'a.jpg'): Part => ({ name: 'photo', file, filename });
const emptyPhoto: Part = { name: 'photo', file: Buffer.alloc(0), filename: '', type: 'application/octet-stream' };

/** Posts the form; each call from an address of its own unless given (the report limit counts per address). */
function post(parts: Part[], opts: { code?: string; headers?: Record<string, string>; remoteAddress?: string } = {}) {
  const m = multipart(parts);
  return t.app.inject({ method: 'POST', url: `/r/${opts.code ?? grid}`, headers: { ...m.headers, ...opts.headers }, payload: m.payload, remoteAddress: opts.remoteAddress ?? `198.51.100.${nextAddress++}` });
}
const counts = async () =>
  (await sql<{ m: number; u: number; p: number }>`select (select count(*) from matters)::int as m, (select count(*) from photo_uploads)::int as u, (select count(*) from matter_photos)::int as p`.execute(t.db)).rows[0];
const trackingCodeOf = (body: string) => body.match(/id="tracking-code">([A-Z2-9]{12})</)?.[1];

async function report(parts: Part[] = [...fields(), photo(), emptyPhoto, emptyPhoto]) {
  const r = await post(parts);
  expect(r.statusCode, r.body).toBe(201);
  const code = trackingCodeOf(r.body)!;
  expect(code).toBeTruthy();
  return { code, body: r.body };
}
async function act(user: string, id: string, body: object) {
  const r = await t.app.inject({ method: 'POST', url: `/api/matters/${id}/actions`, headers: { cookie: cookies[user] }, payload: body });
  expect(r.statusCode, r.body).toBe(200);
  return json(r);
}
const rate = (code: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/t/${code}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

describe('the report form (/r/{code})', () => {
  it('shows the grid, its place and a short list of types by the catalogue’s first level, with 其他, and no script', async () => {
    const r = await t.app.inject({ url: `/r/${grid}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('长海社区');
    expect(r.body).toContain('enctype="multipart/form-data"');
    expect(r.body).toMatch(/<optgroup label="城市管理">/);
    expect(r.body).toMatch(/<option value="110101">其他问题<\/option>/);
    expect(r.body).not.toContain('<script');
    expect(r.body).toContain('capture="environment"');
  });

  it('takes a report with a photo: the number and tracking code, the matter pending at the community, from a resident, with the photo', async () => {
    const before = await counts();
    const { code, body } = await report([...fields({ phone: '139 0456 1234' }), photo(), emptyPhoto, emptyPhoto]);
    expect(body).toContain(`href="/t/${code}"`);
    expect(body).toContain('请记下查询码');
    const m = await t.db.selectFrom('matters').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ state: 'pending', level: 'community', source: 'resident', division_code: grid.slice(0, 12), type_code: '090102', address: '长海小区东门', reporter_phone: '13904561234', reporter_anonymous: false });
    expect(body).toContain(`${m.number.slice(0, 6)} ${m.number.slice(6, 14)} ${m.number.slice(14)}`);
    const after = await counts();
    expect(after).toEqual({ m: before.m + 1, u: before.u + 1, p: before.p + 1 });
    // Staff see the phone masked.
    const d = json(await t.app.inject({ url: `/api/matters/${m.id}`, headers: { cookie: cookies.changhai } }));
    expect(d.photos).toHaveLength(1);
    expect(d.reporter.phone).not.toContain('0456');
  });

  it('takes an anonymous report without photos, and 其他 as the catalogue’s catch-all', async () => {
    const { code } = await report([...fields({ typeCode: '110101', address: '' }), emptyPhoto]);
    const m = await t.db.selectFrom('matters').select(['reporter_anonymous', 'reporter_phone', 'type_code']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(m).toEqual({ reporter_anonymous: true, reporter_phone: null, type_code: '110101' });
  });

  it('refuses bad input with the form again, the message beside the field, what was typed kept, and nothing stored', async () => {
    const big = Buffer.concat([jpeg, Buffer.alloc(15 * 1024 * 1024 + 10)]);
    const cases: [string, Part[], number, RegExp][] = [
      ['empty description', fields({ description: '  ' }), 400, /请描述您反映的问题/],
      ['bad phone', fields({ phone: '12345' }), 400, /手机号/],
      ['no type', fields({ typeCode: '' }), 400, /请选择问题类型/],
      ['a type not offered', fields({ typeCode: '030402' }), 400, /请从列表中选择/],
      ['NUL in the description', fields({ description: '垃圾桶\u0000满溢了好几天' }), 400, /空字符/],
      ['NUL in the address', fields({ address: '东门\u0000' }), 400, /空字符/],
      ['not an image', [...fields(), photo(Buffer.from('%PDF-1.4 not a photo at all'), 'x.jpg')], 400, /PDF/],
      ['a broken JPEG', [...fields(), photo(jpeg.subarray(0, 200), 'broken.jpg')], 400, /照片/],
      ['too large a photo', [...fields(), photo(big, 'big.jpg')], 413, /15 MB/],
      ['four photos', [...fields(), photo(), photo(), photo(), photo()], 400, /最多上传 3 张/],
    ];
    const before = await counts();
    for (const [what, parts, status, message] of cases) {
      const r = await post(parts);
      expect(r.statusCode, what).toBe(status);
      expect(r.headers['content-type'], what).toMatch(/text\/html/);
      expect(r.body, what).toMatch(message);
      expect(r.body, what).toContain('class="err"');
      if (what !== 'empty description' && !what.startsWith('NUL in the desc')) expect(r.body, what).toContain('小区东门垃圾桶满溢三天没人清运');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a retired or unknown grid, and a post that is not the form, storing nothing', async () => {
    const list = json(await t.app.inject({ url: '/api/grids?within=231102001000&level=grid&limit=20', headers: { cookie: cookies.aihui } })).items as { code: string }[];
    const old = list.find((g) => g.code !== grid)!.code;
    const retire = await t.app.inject({ method: 'POST', url: '/api/grid-changes', headers: { cookie: cookies.aihui }, payload: { kind: 'retire', gridCode: old, reason: '小区拆迁，网格撤销', apply: true } });
    expect(retire.statusCode, retire.body).toBe(201);
    const before = await counts();
    const retired = await post([...fields(), photo()], { code: old });
    expect(retired.statusCode).toBe(410);
    expect(retired.body).toContain('已撤销');
    expect((await t.app.inject({ url: `/r/${old}` })).statusCode).toBe(410);
    const unknown = await post(fields(), { code: '231102001999999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('没有这个网格');
    const urlencoded = await t.app.inject({ method: 'POST', url: `/r/${grid}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'typeCode=090102&description=abcdefgh', remoteAddress: '198.51.100.250' });
    expect(urlencoded.statusCode).toBe(415);
    expect(urlencoded.body).toMatch(/[\u4e00-\u9fff]/);
    expect(await counts()).toEqual(before);
  });

  it('refuses the form posted from another site', async () => {
    const before = await counts();
    const foreign = await post([...fields(), photo()], { headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('其他网站');
    const marked = await post([...fields(), photo()], { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(marked.statusCode).toBe(403);
    const nullOrigin = await post(fields(), { headers: { origin: 'null' } });
    expect(nullOrigin.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // From the platform's own page it goes through.
    const own = await post(fields(), { headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(own.statusCode, own.body).toBe(201);
    // And the form page keeps the Origin on same-origin posts.
    expect((await t.app.inject({ url: `/r/${grid}` })).headers['referrer-policy']).toBe('same-origin');
  });

  it('makes one matter of a form sent twice (a double tap, a resend after a timeout)', async () => {
    const form = await t.app.inject({ url: `/r/${grid}` });
    const formKey = form.body.match(/name="formKey" value="([A-Za-z0-9]{24})"/)?.[1] ?? '';
    expect(formKey).toBeTruthy();
    const parts = fields({ formKey, description: '路灯不亮（重复提交测试）' });
    const [a, b] = await Promise.all([post(parts), post(parts)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(trackingCodeOf(a.body)).toBe(trackingCodeOf(b.body));
    expect((await t.db.selectFrom('matters').select('id').where('description', '=', '路灯不亮（重复提交测试）').execute()).length).toBe(1);
    // A new form has a new key.
    expect((await t.app.inject({ url: `/r/${grid}` })).body).not.toContain(formKey);
  });

  it('limits reports per address, with a Chinese 429 page', async () => {
    const remoteAddress = '203.0.113.77';
    for (let i = 0; i < 10; i++) expect((await post(fields({ description: '' }), { remoteAddress })).statusCode).toBe(400);
    const before = await counts();
    const limited = await post([...fields(), photo()], { remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/text\/html/);
    expect(limited.body).toContain('提交过于频繁');
    expect(limited.body).toContain('12345');
    expect(await counts()).toEqual(before);
    // Another address is not affected.
    expect((await post(fields())).statusCode).toBe(201);
  });
});

describe('the tracking page (/t/{code})', () => {
  it('shows plain progress and never the handlers’ notes or names, through to closed; then the rating', async () => {
    const { code } = await report([...fields({ typeCode: '100106', description: '热力井盖缺失，晚上容易踩空', phone: '13904567777' }), photo()]);
    const m = await t.db.selectFrom('matters').select(['id']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await act('changhai', m.id, { action: 'escalate', reason: `${MARKER}社区无法协调` });
    await act('huayuan', m.id, { action: 'escalate', reason: `${MARKER}需县级协调` });
    await act('aihui', m.id, { action: 'dispatch', orgCode: '231102000000-gr', reason: `${MARKER}派热力` });
    await act('aihui-gr', m.id, { action: 'accept', reason: `${MARKER}签收` });
    await act('aihui-gr', m.id, { action: 'report_result', result: `${MARKER}已更换井盖`, photoKeys: [] });
    await act('changhai-wgy', m.id, { action: 'verify', passed: true, reason: `${MARKER}现场核实` });
    const closed = await act('changhai-wgy', m.id, { action: 'feed_back', method: 'phone', reason: `${MARKER}已电话告知` });
    expect(closed.matter.state).toBe('closed');
    // The people who handled it (the unit it was sent to is named on purpose: 已转交…办理).
    const names = [...new Set((closed.timeline as { actor: string; actorKind: string }[]).filter((e) => e.actorKind === 'worker' || e.actorKind === 'centre').map((e) => e.actor))];
    expect(names.length).toBeGreaterThan(2);

    for (const url of [`/t/${code}`, `/t/${code.toLowerCase()}`]) {
      const page = await t.app.inject({ url });
      expect(page.statusCode).toBe(200);
      const body = page.body;
      expect(body).not.toContain(MARKER);
      for (const n of names) expect(body, n).not.toContain(n);
      expect(body).not.toContain('13904567777');
      expect(body).not.toContain('热力井盖缺失');
      expect(body).toContain('热力井盖破损或缺失');
      expect(body).toContain('已办结');
      expect(body).toContain('承办单位已签收');
      expect(body).toContain('花园街道');
      expect(body).toContain(`href="/g/${grid}"`);
      expect(body).toContain('name="rating"');
      expect(body).not.toContain('<script');
    }

    // 不满意 without a reason: the form again, with the message, nothing recorded.
    const noReason = await rate(code, { rating: 'unsatisfied', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请写明不满意的原因');
    expect(noReason.body).toMatch(/value="unsatisfied" checked/);
    expect((await t.db.selectFrom('matters').select(['state', 'rating']).where('id', '=', m.id).executeTakeFirstOrThrow())).toEqual({ state: 'closed', rating: null });
    const nul = await rate(code, { rating: 'unsatisfied', reason: '没\u0000修好' });
    expect(nul.statusCode).toBe(400);

    const reopened = await rate(code, { rating: 'unsatisfied', reason: '井盖还是松动的' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.body).toContain('退回重新办理');
    expect(reopened.body).toContain('根据您的评价，已重新办理');
    expect(reopened.body).not.toContain('name="rating"');
    expect(await t.db.selectFrom('matters').select(['state', 'level']).where('id', '=', m.id).executeTakeFirstOrThrow()).toMatchObject({ state: 'pending' });
    expect((await rate(code, { rating: 'satisfied' })).statusCode).toBe(409);
  });

  it('rates satisfied on a closed matter once; refuses a rating before it is closed or from another site', async () => {
    const { code } = await report();
    expect((await rate(code, { rating: 'satisfied' })).statusCode).toBe(409);
    const m = await t.db.selectFrom('matters').select(['id']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await act('changhai', m.id, { action: 'handle_self' });
    const r = await t.app.inject({
      method: 'POST',
      url: `/t/${code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'rating=satisfied',
    });
    expect(r.statusCode).toBe(403);
  });

  it('answers an unknown or malformed code with a Chinese 404 and a form; /t takes a typed code', async () => {
    const unknown = await t.app.inject({ url: '/t/ABCDEFGHJKMN' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('查无此件');
    expect(unknown.body).toContain('action="/t"');
    expect((await t.app.inject({ url: '/t/short' })).statusCode).toBe(404);
    const lookup = await t.app.inject({ url: '/t' });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).toContain('name="code"');
    const typed = await t.app.inject({ url: '/t?code=abcd efgh jkmn' });
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe('/t/ABCDEFGHJKMN');
    expect((await t.app.inject({ url: '/t?code=12' })).statusCode).toBe(400);
  });
});

describe('the public entry without a QR code (/report)', () => {
  it('goes county → street → community → grid as plain links, ending at the grid’s form', async () => {
    const top = await t.app.inject({ url: '/report' });
    expect(top.statusCode).toBe(200);
    expect(top.body).toContain('href="/report?area=231102000000"');
    const street = await t.app.inject({ url: '/report?area=231102001000' });
    expect(street.body).toContain(`href="/report?area=${grid.slice(0, 12)}"`);
    const community = await t.app.inject({ url: `/report?area=${grid.slice(0, 12)}` });
    expect(community.statusCode).toBe(200);
    expect(community.body).toContain(`href="/r/${grid}"`);
    expect(community.body).not.toContain('<script');
    expect((await t.app.inject({ url: '/report?area=999999999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/report?area=abc' })).statusCode).toBe(404);
  });
});
