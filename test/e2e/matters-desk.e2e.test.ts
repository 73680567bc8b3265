import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, paintedPixels, textOf, visible } from '../support/browser';
import { certifiedWorker, deskPage, jpeg } from '../support/matter-browser';
import { startTestServer } from '../support/test-server';

// Journey: a grid worker reports a broken heating-well cover; the community station escalates it
// from its desk, the street centre dispatches it to the county's heating company (aihui-gr, the catalogue's unit, preselected),
// the company accepts it in its inbox and reports the result with a photo; the timeline shows each
// step. Then the community station dispatches several pending matters at once (one had been
// dispatched meanwhile and is refused with the reason), and sees its open matters on the map.
const HEAT_COVER = '100106';
const SHOTS = process.env.SHOT_DIR ?? '/tmp';
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let place: { lng: number; lat: number; gridCode: string; api: { dispose(): Promise<void> } };
const pageErrors: string[] = [];

async function report(worker: Page, spot: { lng: number; lat: number }, description: string, photo = true) {
  const at = { lng: spot.lng, lat: spot.lat };
  const photoKeys: string[] = [];
  if (photo) {
    const up = await worker.request.post('/api/matter-photos', { multipart: { photo: { name: 'scene.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#a33') } } });
    expect(up.status(), await up.text()).toBe(201);
    photoKeys.push((await up.json()).id);
  }
  const r = await worker.request.post('/api/matters', { data: { typeCode: HEAT_COVER, description, location: { ...at, source: 'gps' }, photoKeys } });
  expect(r.status(), await r.text()).toBe(201);
  return (await r.json()).matter as { id: string; number: string };
}
const okButton = (page: Page, name: RegExp) => page.getByRole('dialog').getByRole('button', { name });

describe('事项办理台与收件箱（浏览器）', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    place = await certifiedWorker(server.url);
  }, 180_000);
  afterAll(async () => {
    await place?.api.dispose();
    await browser?.close();
    await server?.close();
  });

  it('walks a matter from the community desk to the heating company and back with its result', async () => {
    const worker = await deskPage(browser, server.url, 'changhai-wgy', pageErrors);
    const at = place;
    const m = await report(worker, at, '长海小区3号楼前热力井盖破损，行人易跌落');

    // 社区工作站: the desk's 待我处置 lists it; the matter page escalates it.
    const station = await deskPage(browser, server.url, 'changhai', pageErrors);
    await station.goto('/matters');
    await textOf(station.getByTestId('desk-title')).toContain('事项办理台');
    await visible(station.getByRole('tab', { name: /待我处置（\d+）/ }));
    await station.getByRole('link', { name: m.number }).click();
    await textOf(station.getByTestId('matter-number')).toBe(m.number);
    await visible(station.getByTestId('matter-photos').locator('img'));
    await station.getByRole('button', { name: '上报上级' }).click();
    await okButton(station, /上报上级/).click();
    await visible(station.getByText('请填写上报理由'));
    await station.getByRole('dialog').locator('textarea').fill('涉及供热管网，社区无法协调');
    await okButton(station, /上报上级/).click();
    await textOf(station.getByTestId('matter-timeline')).toContain('涉及供热管网，社区无法协调');
    await textOf(station.getByTestId('matter-actions')).toContain('没有可办理的操作');

    // 街道中心: dispatches to the catalogue's unit, preselected.
    const street = await deskPage(browser, server.url, 'huayuan', pageErrors);
    await street.goto('/matters');
    await street.getByTestId('desk-search').locator('input').fill(m.number);
    await street.getByTestId('desk-search').locator('input').press('Enter');
    await street.getByRole('link', { name: m.number }).click();
    await street.getByRole('button', { name: /^派\s*遣$/ }).click();
    await textOf(street.getByTestId('dispatch-unit')).toMatch(/爱辉区.*热力.*（清单规定的责任单位）/);
    await street.screenshot({ path: `${SHOTS}/matters-dispatch-dialog.png` });
    await okButton(street, /^派\s*遣$/).click();
    await textOf(street.getByTestId('matter-timeline')).toMatch(/派往 爱辉区.*热力/);
    await textOf(street.getByTestId('matter-header')).toContain('已派遣待签收');
    await street.screenshot({ path: `${SHOTS}/matters-matter-page.png`, fullPage: true });

    // 热力公司: its inbox has it waiting; it accepts and reports the result with a photo.
    const unit = await deskPage(browser, server.url, 'aihui-gr', pageErrors);
    await unit.goto('/matters');
    await textOf(unit.getByTestId('desk-title')).toContain('事项收件箱');
    await visible(unit.getByRole('tab', { name: /待签收（[1-9]\d*）/ }));
    await visible(unit.getByRole('link', { name: m.number }));
    await unit.screenshot({ path: `${SHOTS}/matters-inbox.png`, fullPage: true });
    await unit.getByRole('link', { name: m.number }).click();
    await unit.getByRole('button', { name: /^签\s*收$/ }).click();
    await okButton(unit, /^签\s*收$/).click();
    await textOf(unit.getByTestId('matter-header')).toContain('处置中');
    await unit.getByRole('button', { name: '反馈处置结果' }).click();
    await unit.getByRole('dialog').locator('textarea').fill('已更换新井盖并加固');
    await unit.getByTestId('result-photos').locator('input[type=file]').setInputFiles({ name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#3a3') });
    await expect.poll(() => unit.getByTestId('result-photos').locator('.ant-upload-list-item-done, .ant-upload-list-item').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => unit.getByTestId('result-photos').locator('.ant-upload-list-item-uploading').count(), { timeout: 20_000 }).toBe(0);
    await okButton(unit, /反馈处置结果/).click();
    await textOf(unit.getByTestId('matter-header')).toContain('待核查');
    const timeline = unit.getByTestId('matter-timeline');
    for (const kind of ['report', 'escalate', 'dispatch', 'accept', 'report_result']) await visible(timeline.getByTestId(`event-${kind}`));
    await textOf(timeline.getByTestId('event-report_result')).toContain('已更换新井盖并加固');
    await visible(timeline.getByTestId('event-report_result').locator('img'));
    await textOf(unit.getByTestId('matter-photos')).toContain('照片（2）');
    await unit.screenshot({ path: `${SHOTS}/matters-unit-result.png`, fullPage: true });
    // Refused actions come back in Chinese: the unit may not accept twice (the API says why).
    const again = await unit.request.post(`/api/matters/${m.id}/actions`, { data: { action: 'accept' } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('dispatches several pending matters at once, showing which failed and why, and maps the open ones', async () => {
    const worker = await deskPage(browser, server.url, 'changhai-wgy', pageErrors);
    const at = place;
    const b = await report(worker, at, '长海小区5号楼东侧热力井盖缺失', false);
    const c = await report(worker, { lng: at.lng + 0.0004, lat: at.lat + 0.0002 }, '长海小区6号楼北侧热力井盖松动', false);
    const d = await report(worker, { lng: at.lng - 0.0003, lat: at.lat - 0.0002 }, '长海小区7号楼热力井盖破裂', false);

    const station = await deskPage(browser, server.url, 'changhai', pageErrors);
    await station.goto('/matters');
    for (const x of [b, c, d]) await station.getByRole('row', { name: new RegExp(x.number) }).locator('input[type=checkbox]').check();
    await textOf(station.getByTestId('bulk-dispatch-button')).toContain('3');
    // Meanwhile someone else dispatches one of them.
    const other = await station.request.post(`/api/matters/${d.id}/actions`, { data: { action: 'dispatch', orgCode: '231102000000-gr' } });
    expect(other.status(), await other.text()).toBe(200);
    await station.getByTestId('bulk-dispatch-button').click();
    const dialog = station.getByRole('dialog');
    await dialog.getByTestId('bulk-unit').click();
    await station.keyboard.type('热力');
    await station.locator('.ant-select-item-option', { hasText: /爱辉区.*热力/ }).first().click();
    await dialog.getByRole('button', { name: /^派\s*遣$/ }).click();
    await textOf(dialog.getByTestId(`bulk-row-${b.number}`)).toContain('已派遣');
    await textOf(dialog.getByTestId(`bulk-row-${c.number}`)).toContain('已派遣');
    await textOf(dialog.getByTestId(`bulk-row-${d.number}`)).toContain('未派遣');
    await textOf(dialog.getByTestId(`bulk-row-${d.number}`)).toMatch(/事项已派遣待签收，不能派遣/);
    await visible(dialog.getByText('2 件已派遣，1 件未派遣'));
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    for (const x of [b, c]) {
      const r = await (await station.request.get(`/api/matters/${x.id}`)).json();
      expect(r.matter.state).toBe('dispatched');
      expect(r.timeline.at(-1)).toMatchObject({ kind: 'dispatch', data: { orgName: expect.stringMatching(/爱辉区.*热力/) } });
    }

    // The open matters on the map, beside the table.
    await station.getByTestId('desk-tabs').getByRole('tab', { name: /已派遣待签收/ }).click();
    await station.getByTestId('view-toggle').getByText('列表 + 地图').click();
    const map = station.getByTestId('matters-map');
    await expect.poll(async () => Number(await map.getAttribute('data-pins')), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => paintedPixels(station, '[data-testid=matters-map]'), { timeout: 20_000 }).toBeGreaterThan(20);
    await station.waitForTimeout(500);
    await station.screenshot({ path: `${SHOTS}/matters-desk.png`, fullPage: true });

    // The street centre sees the workers' refusals as a tab.
    const street = await deskPage(browser, server.url, 'huayuan', pageErrors);
    await street.goto('/matters?tab=refusals');
    await visible(street.getByTestId('refusals-table'));
    expect(pageErrors).toEqual([]);
  }, 240_000);
  it('registers a hotline call by grid code, gives the number and tracking code, and shows the caller’s phone in full only on request', async () => {
    const worker = await deskPage(browser, server.url, 'changhai-wgy', pageErrors);
    const { gridCode } = place;
    const station = await deskPage(browser, server.url, 'changhai', pageErrors);
    await station.goto('/matters');
    await station.getByRole('button', { name: '登记事项' }).click();
    await station.waitForURL(/\/matters\/new$/);
    await station.getByTestId('intake-submit').click();
    await visible(station.getByText('请选择事项类型'));
    await station.getByTestId('intake-type').click();
    await station.keyboard.type('rljg');
    await station.locator('.ant-select-item-option', { hasText: '热力井盖破损或缺失' }).first().click();
    await visible(station.getByText(/责任单位：供热/));
    await station.getByLabel('事项描述').fill('市民来电：长海小区9号楼前热力井盖缺失，夜间无照明');
    await station.getByRole('textbox', { name: /网格编码/ }).fill(gridCode);
    await station.getByRole('textbox', { name: '姓名', exact: true }).fill('王女士');
    await station.getByRole('textbox', { name: '联系电话', exact: true }).fill('13904561234');
    await station.screenshot({ path: `${SHOTS}/matters-intake.png`, fullPage: true });
    await station.getByTestId('intake-submit').click();
    await textOf(station.getByTestId('intake-number')).toMatch(/^231102\d{13}$/);
    await textOf(station.getByTestId('intake-tracking')).toMatch(/^[A-Z2-9]{12}$/);
    const code = await station.getByTestId('intake-tracking').innerText();
    const pub = await (await station.request.get(`/api/public/track/${code}`)).json();
    expect(pub.typeName).toBe('热力井盖破损或缺失');

    await station.getByRole('button', { name: '查看事项' }).click();
    await textOf(station.getByTestId('matter-header')).toContain('12345 热线');
    await textOf(station.getByTestId('reporter')).toContain('139****1234');
    await station.getByRole('button', { name: '查看完整电话' }).click();
    await station.getByRole('dialog').locator('textarea').fill('回访反映人核实井盖位置');
    await station.getByRole('dialog').getByRole('button', { name: /查\s*看/ }).click();
    await textOf(station.getByTestId('reporter')).toContain('13904561234');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
