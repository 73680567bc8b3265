import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, countOf, login, textOf, visible } from '../support/browser';
import { certifiedWorker, confirmDialog, deskPage, jpeg } from '../support/matter-browser';
import { startTestServer } from '../support/test-server';

// The whole loop of Art. 21 through the screens: the grid worker reports from a phone with a photo
// and GPS; the community station hands it up; the street centre dispatches it to the heating
// company; the company accepts it and reports the result with a photo; the worker verifies it on
// site and tells the resident; the resident rates it on the tracking page (no login, no script).
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let worker: { api: APIRequestContext; gridName: string; lng: number; lat: number };
const pageErrors: string[] = [];

const desk = (user: string) => deskPage(browser, server.url, user, pageErrors);
async function phone(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: server.url });
  await ctx.grantPermissions(['geolocation'], { origin: server.url });
  await ctx.setGeolocation({ longitude: worker.lng, latitude: worker.lat, accuracy: 10 });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  await login(page, 'changhai-wgy');
  return page;
}
async function openOnDesk(page: Page, number: string) {
  await page.goto('/matters');
  await page.getByTestId('desk-search').locator('input').fill(number);
  await page.getByTestId('desk-search').locator('input').press('Enter');
  await page.getByRole('link', { name: number }).click();
  await textOf(page.getByTestId('matter-number')).toBe(number);
}

describe('事项闭环（浏览器）', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    worker = await certifiedWorker(server.url);
  }, 180_000);
  afterAll(async () => {
    await worker?.api.dispose();
    await browser?.close();
    await server?.close();
  });

  it('is reported on a phone, dispatched, handled, verified, fed back and rated by the resident', async () => {
    // 网格员: reports from the phone.
    const mobile = await phone();
    await mobile.goto('/work/report');
    await mobile.getByTestId('type-search').fill('rljg');
    await mobile.getByTestId('type-results').getByRole('button', { name: /热力井盖破损或缺失/ }).first().click();
    await mobile.getByTestId('description').fill('长海小区7号楼北侧热力井盖缺失（闭环测试）');
    await mobile.getByTestId('photos-input').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#a33') });
    await countOf(mobile.getByTestId('photo-done')).toBe(1);
    await textOf(mobile.getByTestId('location-grid')).toContain(worker.gridName);
    await mobile.getByTestId('submit').click();
    await visible(mobile.getByTestId('report-done'));
    const number = (await mobile.getByTestId('done-number').innerText()).trim();
    const code = (await mobile.getByTestId('done-tracking').innerText()).trim();

    // 社区工作站 hands it up; 街道中心 dispatches it to the catalogue's unit.
    const station = await desk('changhai');
    await openOnDesk(station, number);
    await station.getByRole('button', { name: '上报上级' }).click();
    await station.getByRole('dialog').locator('textarea').fill('涉及供热管网，需街道协调热力公司');
    await confirmDialog(station, /上报上级/);
    await textOf(station.getByTestId('matter-actions')).toContain('没有可办理的操作');
    const street = await desk('huayuan');
    await openOnDesk(street, number);
    await street.getByRole('button', { name: /^派\s*遣$/ }).click();
    await textOf(street.getByTestId('dispatch-unit')).toMatch(/热力/);
    await confirmDialog(street, /^派\s*遣$/);
    await textOf(street.getByTestId('matter-header')).toContain('已派遣待签收');

    // 热力公司: accepts in its inbox and reports the result with a photo.
    const unit = await desk('aihui-gr');
    await unit.goto('/matters');
    await unit.getByRole('link', { name: number }).click();
    await unit.getByRole('button', { name: /^签\s*收$/ }).click();
    await confirmDialog(unit, /^签\s*收$/);
    await textOf(unit.getByTestId('matter-header')).toContain('处置中');
    await unit.getByRole('button', { name: '反馈处置结果' }).click();
    await unit.getByRole('dialog').locator('textarea').fill('已安装新井盖（闭环测试）');
    await unit.getByTestId('result-photos').locator('input[type=file]').setInputFiles({ name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#3a3') });
    await expect.poll(() => unit.getByTestId('result-photos').locator('.ant-upload-list-item-uploading').count(), { timeout: 20_000 }).toBe(0);
    await confirmDialog(unit, /反馈处置结果/);
    await textOf(unit.getByTestId('matter-header')).toContain('待核查');

    // 网格员: verifies on site and feeds back, from the phone.
    await mobile.goto('/work');
    await mobile.getByTestId('queue-verifying').getByTestId('matter-row').filter({ hasText: '闭环测试' }).click();
    await textOf(mobile.getByTestId('matter-state')).toBe('待核查');
    await mobile.getByTestId('verify-passed').click();
    await mobile.getByTestId('verify-reason').fill('现场查看，新井盖已安装牢固');
    await mobile.getByTestId('verify-submit').click();
    await textOf(mobile.getByTestId('matter-state')).toBe('待反馈');
    await mobile.getByTestId('method-visit').click();
    await mobile.getByTestId('feedback-reason').fill('上门告知反映人已处理');
    await mobile.getByTestId('feedback-submit').click();
    await textOf(mobile.getByTestId('matter-state')).toBe('已结案');

    // 群众: the tracking page, without script, shows the progress in plain words and takes the rating.
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: 'zh-CN', baseURL: server.url });
    const resident = await ctx.newPage();
    await resident.goto(`/t/${code}`);
    const page = await resident.locator('body').innerText();
    expect(page.replace(/\s/g, '')).toContain(number);
    expect(page).toContain('已办结');
    expect(page).not.toMatch(/已安装新井盖|现场查看|上门告知|涉及供热管网|热力公司（网格服务单位）|changhai/);
    await resident.locator('input[name=rating][value=satisfied]').check();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => resident.locator('body').innerText()).toMatch(/感谢|已评价/);
    const tracked = (await (await worker.api.get(`/api/public/track/${code}`)).json()) as { rating: string; mayRate: boolean };
    expect(tracked).toMatchObject({ rating: 'satisfied', mayRate: false });
    const timeline = (await (await street.request.get(`/api/matters?state=all&q=${number}`)).json()) as { items: { id: string }[] };
    const d = (await (await street.request.get(`/api/matters/${timeline.items[0].id}`)).json()) as { timeline: { kind: string }[] };
    expect(d.timeline.map((e) => e.kind)).toEqual(['report', 'escalate', 'dispatch', 'accept', 'report_result', 'verify', 'feed_back', 'rate']);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
