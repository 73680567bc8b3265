import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo/demo.seed';
import { CHROMIUM, CHROMIUM_ARGS, countOf, login, textOf, visible, scriptsLoaded, expectLightFirstScreen } from '../support/browser';
import { apiAs as signedIn, certifiedWorker, jpeg } from '../support/matter-browser';
import { startTestServer } from '../support/test-server';

// Journey: the certified grid worker of 长海社区 (changhai-wgy) on a phone: reports a matter with a
// photo and GPS, keeps the draft through a reload, submits once through a dropped connection, then
// verifies on site a matter the community resolved and feeds the result back to the caller
// (Art. 15, 16, 21). SHOTS_DIR=… keeps a screenshot of each page.
const TZ = 'Asia/Shanghai';
const PHONE = { width: 390, height: 844 };
const HEAT_COVER = '100106'; // 热力井盖破损或缺失: verified on site, fed back

let server: { url: string; close(): Promise<void> };
let browser: Browser;
const pageErrors: string[] = [];
const apis: APIRequestContext[] = [];
let place: { gridCode: string; gridName: string; lng: number; lat: number };

async function apiAs(username: string): Promise<APIRequestContext> {
  const r = await signedIn(server.url, username);
  apis.push(r);
  return r;
}

/** A phone signed in as the worker; GPS at `at` (default: inside their grid), or refused with null. */
async function phone(at: { lng: number; lat: number } | null = place): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: TZ, baseURL: server.url });
  if (at) {
    await ctx.grantPermissions(['geolocation'], { origin: server.url });
    await ctx.setGeolocation({ longitude: at.lng, latitude: at.lat, accuracy: 12 });
  }
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  await login(page, 'changhai-wgy');
  return { ctx, page };
}

async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function pickType(page: Page, q: string, name: string) {
  await page.getByTestId('type-search').fill(q);
  await page.getByTestId('type-results').getByRole('button', { name: new RegExp(name) }).first().click();
  await textOf(page.getByTestId('type-picked')).toContain(name);
}

async function matchesOf(worker: APIRequestContext, q: string) {
  return (await (await worker.get(`/api/matters?state=all&q=${encodeURIComponent(q)}`)).json()) as { items: { id: string }[]; total: number };
}

describe('网格员手机端：事项（浏览器，390 px）', () => {
  let worker: APIRequestContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Certified again for real time (the test database is seeded as of 2026-01-05), with a point inside the grid.
    const w = await certifiedWorker(server.url);
    worker = w.api;
    apis.push(worker);
    place = { gridCode: w.gridCode, gridName: w.gridName, lng: w.lng, lat: w.lat };
  });

  afterAll(async () => {
    for (const a of apis) await a.dispose();
    await browser?.close();
    await server?.close();
  });

  it('上报事项：按拼音首字母选类型、拍照上传、GPS 定位到本人网格；刷新后草稿仍在；提交后显示编号和查询码', async () => {
    const { ctx, page } = await phone();
    await page.goto('/work');
    await visible(page.getByTestId('queue-verifying'));
    await shot(page, '1-work');
    await page.getByTestId('report-button').click();
    await page.waitForURL(/\/work\/report$/);

    await pickType(page, 'rljg', '热力井盖破损或缺失');
    const description = '长海小区5号楼东侧热力井盖破损（浏览器测试）';
    await page.getByTestId('description').fill(description);
    await page.getByTestId('photos-input').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: await jpeg() });
    await countOf(page.getByTestId('photo-done')).toBe(1);
    await textOf(page.getByTestId('location-grid')).toContain(place.gridName);
    await textOf(page.getByTestId('location-accuracy')).toContain('12 米');
    await shot(page, '2-report');

    // A reload mid-draft loses nothing: type, text, the uploaded photo and the place.
    await page.reload();
    await textOf(page.getByTestId('type-picked')).toContain('热力井盖破损或缺失');
    expect(await page.getByTestId('description').inputValue()).toBe(description);
    await countOf(page.getByTestId('photo-done')).toBe(1);
    await textOf(page.getByTestId('location-grid')).toContain(place.gridName);

    await page.getByTestId('submit').click();
    await visible(page.getByTestId('report-done'));
    const number = (await page.getByTestId('done-number').innerText()).trim();
    const code = (await page.getByTestId('done-tracking').innerText()).trim();
    expect(number).toMatch(/\d{6,}/);
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    await shot(page, '3-report-done');
    const tracked = (await (await ctx.request.get(`/api/public/track/${code}`)).json()) as { number: string };
    expect(tracked.number).toBe(number);

    // The draft is gone; the report is in 我上报的 with its photo.
    await page.goto('/work/report');
    expect(await page.getByTestId('description').inputValue()).toBe('');
    await page.goto('/work');
    const row = page.getByTestId('my-reports').getByTestId('matter-row').filter({ hasText: number });
    await visible(row);
    await row.click();
    await page.waitForURL(/\/work\/matters\//);
    await countOf(page.getByTestId('matter-photos').locator('img')).toBe(1);
    await shot(page, '4-my-matter');
    await ctx.close();
  });

  it('弱网：提交时断网，提示未发送并自动重发，恢复网络后只生成一件', async () => {
    // An open report of the same type a few metres away will be offered as a possible duplicate.
    const near = await worker.post('/api/matters', { data: { typeCode: HEAT_COVER, description: '同一处井盖，邻居先报（重复提示测试）', location: { lng: place.lng + 0.0001, lat: place.lat, source: 'gps' } } });
    expect(near.status(), await near.text()).toBe(201);
    const { ctx, page } = await phone();
    await page.goto('/work/report');
    await pickType(page, 'jg', '热力井盖破损或缺失');
    const description = `断网重发测试 ${Date.now()}`;
    await page.getByTestId('description').fill(description);
    await textOf(page.getByTestId('location-grid')).toContain(place.gridName);
    await textOf(page.getByTestId('duplicates')).toContain('重复提示测试');

    await ctx.setOffline(true);
    await page.getByTestId('submit').click();
    await textOf(page.getByTestId('outbox')).toContain('未发送，网络恢复后自动重发');
    await shot(page, '5-outbox');
    // It keeps trying while offline (every few seconds), without creating anything.
    await page.waitForTimeout(6_000);
    expect((await matchesOf(worker, description)).total).toBe(0);

    await ctx.setOffline(false);
    await visible(page.getByTestId('report-done'));
    await page.waitForTimeout(6_000);
    expect((await matchesOf(worker, description)).total).toBe(1);
    await ctx.close();
  });

  it('弱网：未发出的上报在刷新页面后仍在待发送，连通后自动发出一件', async () => {
    const { ctx, page } = await phone();
    // The report's request dies on the way (a dead cell); everything else gets through.
    const cut = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback());
    await page.route('**/api/matters', cut);
    await page.goto('/work/report');
    await pickType(page, 'jg', '热力井盖破损或缺失');
    const description = `刷新后重发测试 ${Date.now()}`;
    await page.getByTestId('description').fill(description);
    await textOf(page.getByTestId('location-grid')).toContain(place.gridName);
    await page.getByTestId('submit').click();
    await textOf(page.getByTestId('outbox')).toContain('未发送，网络恢复后自动重发');
    await page.reload();
    await textOf(page.getByTestId('outbox')).toContain('未发送');
    expect(await page.getByTestId('description').inputValue()).toBe(description);
    expect((await matchesOf(worker, description)).total).toBe(0);
    await page.unroute('**/api/matters', cut);
    await visible(page.getByTestId('report-done'));
    expect((await matchesOf(worker, description)).total).toBe(1);
    await ctx.close();
  });

  it('弱网：照片上传失败时显示重试，网络恢复后自动补传', async () => {
    const { ctx, page } = await phone();
    await page.goto('/work/report');
    await visible(page.getByTestId('photos'));
    await ctx.setOffline(true);
    await page.getByTestId('photos-input').setInputFiles({ name: 'weak.jpg', mimeType: 'image/jpeg', buffer: await jpeg() });
    const pending = page.getByTestId('photo-pending');
    await textOf(pending).toContain('重试');
    expect(await page.getByTestId('photo-done').count()).toBe(0);
    await shot(page, '13-photo-retry');
    await ctx.setOffline(false);
    await countOf(page.getByTestId('photo-done')).toBe(1);
    await countOf(pending).toBe(0);
    // A file that is not a photo is refused by the server with its reason; retrying would not help.
    await page.getByTestId('photos-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') });
    await textOf(page.getByTestId('photos').getByRole('alert')).toMatch(/有一张照片未能上传：.*(照片|图片)/);
    await shot(page, '14-photo-refused');
    await page.getByTestId('photo-pending').getByRole('button', { name: '删除照片' }).click();
    await countOf(pending).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '清空草稿' }).click();
    await countOf(page.getByTestId('photo-done')).toBe(0);
    await ctx.close();
  });

  it('服务器拒绝（4xx）时显示中文原因并保留草稿', async () => {
    // GPS far outside Heihe (Beijing): the grid is not found, and the server refuses the report.
    const { ctx, page } = await phone({ lng: 116.397, lat: 39.909 });
    await page.goto('/work/report');
    await pickType(page, 'jg', '热力井盖破损或缺失');
    const description = `黑河以外的位置 ${Date.now()}`;
    await page.getByTestId('description').fill(description);
    await visible(page.getByTestId('location-grid'));
    await page.getByTestId('submit').click();
    await textOf(page.getByTestId('submit-error')).toContain('黑河');
    expect(await page.getByTestId('outbox').count()).toBe(0);
    await shot(page, '11-refused-4xx');
    await page.reload();
    expect(await page.getByTestId('description').inputValue()).toBe(description);
    expect((await matchesOf(worker, description)).total).toBe(0);
    // 清空草稿 asks first, then starts a new one.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '清空草稿' }).click();
    expect(await page.getByTestId('description').inputValue()).toBe('');
    await ctx.close();
  });

  it('拒绝定位时选择本人网格；就地解决须填写处置结果，提交后即结案', async () => {
    const { ctx, page } = await phone(null);
    await page.goto('/work/report');
    await textOf(page.getByTestId('location')).toContain('无法使用定位');
    await page.getByTestId('grid-select').selectOption(place.gridCode);
    await pickType(page, 'jg', '热力井盖破损或缺失');
    await page.getByTestId('description').fill('长海小区7号楼井盖松动（就地解决测试）');
    await page.getByTestId('on-spot').check();
    await textOf(page.locator('main')).toContain('还需填写：处置结果');
    expect(await page.getByTestId('submit').isDisabled()).toBe(true);
    await page.getByTestId('result').fill('已现场固定井盖并设置警示标志');
    await page.getByTestId('photos-input').setInputFiles({ name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: await jpeg() });
    await countOf(page.getByTestId('photo-done')).toBe(1);
    await shot(page, '12-on-spot');
    await page.getByTestId('submit').click();
    await visible(page.getByTestId('report-done'));
    await textOf(page.getByTestId('report-done')).toContain('已结案');
    const found = (await (await worker.get(`/api/matters?state=all&q=${encodeURIComponent('就地解决测试')}`)).json()) as { items: { gridCode: string; state: string }[] };
    expect(found.items).toMatchObject([{ gridCode: place.gridCode, state: 'closed' }]);
    await ctx.close();
  });

  it('地图选点：GPS 不可用时在本社区网格图上点按位置，显示所属网格，按地图选点上报', async () => {
    const { ctx, page } = await phone(null);
    await page.goto('/work/report');
    await textOf(page.getByTestId('location')).toContain('无法使用定位');
    await page.getByTestId('pick-on-map').click();
    const map = page.getByTestId('location-map');
    await visible(map);
    await visible(map.locator('canvas'));
    const box = (await map.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await textOf(page.getByTestId('location-gps')).toContain('地图选点');
    // The map is framed on the worker's own grid: its middle lies in it.
    await textOf(page.getByTestId('location-grid')).toContain(place.gridName);
    expect(await page.getByTestId('location-not-mine').count()).toBe(0);
    await pickType(page, 'jg', '热力井盖破损或缺失');
    await page.getByTestId('description').fill('长海小区井盖破损（地图选点测试）');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/matters'));
    await page.getByTestId('submit').click();
    expect((await sent).postDataJSON().location).toMatchObject({ crs: 'wgs84', source: 'map' });
    await visible(page.getByTestId('report-done'));
    await ctx.close();
  });

  it('现场核查并向群众反馈：待核查里打开，核查通过（带照片），查看完整电话后电话反馈，事项结案', async () => {
    // 12345 takes a call about the worker's grid; the community resolves it itself.
    const centre = await apiAs('aihui');
    const station = await apiAs('changhai');
    const description = `12345 来电：长海小区热力井盖缺失（核查测试 ${Date.now()}）`;
    const intake = await centre.post('/api/matters', { data: { source: 'hotline', typeCode: HEAT_COVER, description, gridCode: place.gridCode, reporter: { name: '王女士', phone: '13900001234' } } });
    expect(intake.status(), await intake.text()).toBe(201);
    const id = ((await intake.json()) as { matter: { id: string } }).matter.id;
    for (const body of [{ action: 'handle_self' }, { action: 'report_result', result: '社区已协调物业更换井盖', photoKeys: [] }]) {
      const r = await station.post(`/api/matters/${id}/actions`, { data: body });
      expect(r.status(), await r.text()).toBe(200);
    }

    const { page } = await phone();
    await page.goto('/work');
    const row = page.getByTestId('queue-verifying').getByTestId('matter-row').filter({ hasText: '核查测试' });
    await visible(row);
    await row.click();
    await page.waitForURL(new RegExp(`/work/matters/${id}$`));
    await textOf(page.getByTestId('matter-state')).toBe('待核查');
    await shot(page, '6-verify');

    await page.getByTestId('verify-passed').click();
    await page.getByTestId('verify-reason').fill('现场查看，井盖已更换牢固');
    await page.getByTestId('verify-photos-input').setInputFiles({ name: 'check.jpg', mimeType: 'image/jpeg', buffer: await jpeg() });
    await countOf(page.getByTestId('verify-photos').getByTestId('photo-done')).toBe(1);
    await page.getByTestId('verify-submit').click();
    await textOf(page.getByTestId('matter-state')).toBe('待反馈');
    await countOf(page.getByTestId('matter-photos').locator('img')).toBe(1);

    // The caller's phone is masked until asked for with a reason; then a tel: link.
    await textOf(page.getByTestId('reporter')).toContain('139****1234');
    await page.getByTestId('show-phone').click();
    await page.getByRole('button', { name: '确认查看' }).click();
    expect(await page.getByTestId('tel-link').getAttribute('href')).toBe('tel:13900001234');
    await page.getByTestId('method-phone').click();
    await page.getByTestId('feedback-reason').fill('电话告知王女士井盖已更换，表示满意');
    await shot(page, '7-feedback');
    await page.getByTestId('feedback-submit').click();
    await textOf(page.getByTestId('matter-state')).toBe('已结案');
    await textOf(page.getByTestId('timeline')).toContain('向群众反馈');
    await shot(page, '8-closed');
    await page.context().close();
  });

  it('拒绝清单外工作：填写后显示已记录的拒绝，街道中心可见', async () => {
    const { ctx, page } = await phone();
    await page.goto('/work');
    await page.getByTestId('refuse-link').click();
    await page.waitForURL(/\/work\/refuse$/);
    await page.getByTestId('asked-by').fill('某物业公司');
    await page.getByTestId('refusal-description').fill('要求网格员代为催收物业费（浏览器测试）');
    await shot(page, '9-refuse');
    await page.getByTestId('refusal-submit').click();
    await textOf(page.getByTestId('refusal-done')).toContain('代为催收物业费');
    await shot(page, '10-refused');
    const street = await apiAs('huayuan');
    const seen = (await (await street.get('/api/task-refusals')).json()) as { items: { description: string }[] };
    expect(seen.items.map((x) => x.description)).toContain('要求网格员代为催收物业费（浏览器测试）');
    await ctx.close();
  });

  it('我上报的：临期黄灯、超期红灯标在事项上', async () => {
    // Deadlines are hours away on a real clock: the list's answer is given marks on the way in.
    const { ctx, page } = await phone();
    await page.route(/\/api\/matters\?.*state=all/, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { items: { reportedByMe?: boolean; mark: string | null }[] };
      const mine = body.items.filter((m) => m.reportedByMe);
      mine[0].mark = 'yellow';
      mine[1].mark = 'red';
      await route.fulfill({ response: res, json: body });
    });
    await page.goto('/work');
    const reports = page.getByTestId('my-reports');
    await textOf(reports.getByTestId('mark-yellow')).toBe('黄灯 临期');
    await textOf(reports.getByTestId('mark-red')).toBe('红灯 超期');
    await shot(page, '15-work-marks');
    await ctx.close();
  });

  it('390 px 宽：各页面不横向溢出，按钮足够大', async () => {
    const { ctx, page } = await phone();
    const mine = (await (await worker.get('/api/matters?state=all')).json()) as { items: { id: string }[] };
    for (const p of ['/work', '/work/report', `/work/matters/${mine.items[0].id}`, '/work/refuse']) {
      await page.goto(p);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, p).toBeLessThanOrEqual(1);
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('main button, main a'))
          .filter((el) => el.offsetParent)
          .map((el) => ({ h: el.getBoundingClientRect().height, t: el.innerText.slice(0, 20) }))
          .filter((b) => b.h < 44),
      );
      expect(small, p).toEqual([]);
    }
    await ctx.close();
  });

  it('任务页首屏 JS 小于 350 KB（gzip），不加载地图', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: TZ, baseURL: server.url });
    const page = await ctx.newPage();
    expect((await ctx.request.post('/api/auth/login', { data: { username: 'changhai-wgy', password: DEMO_PASSWORD } })).ok()).toBe(true);
    const loaded = await scriptsLoaded(page, async () => {
      await page.goto('/work');
      await visible(page.getByTestId('queue-verifying'));
    });
    expectLightFirstScreen(loaded);
    await ctx.close();
  });

  it('全程没有页面脚本错误', () => {
    expect(pageErrors).toEqual([]);
  });
});
