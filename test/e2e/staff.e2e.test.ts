import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../common/domain/id-number';
import { CHROMIUM, CHROMIUM_ARGS, visible, textOf, login, paintedPixels, scriptsLoaded, expectLightFirstScreen } from '../support/browser';
import { DEMO_PASSWORD } from '../../server/seed/demo/demo.seed';
import { startTestServer } from '../support/test-server';

// Journey: the street centre (花园街道) appoints a new person from a grid page, finds and opens them,
// reveals the ID number with a reason and certifies them through a pre-job course; the county
// centre (爱辉区) issues the work ID and opens the staffing gaps with the map painted (Art. 11–13, 27, 29).
const HUAYUAN = '231102001000';
// The server counts days in Beijing time; so does the browser here.
const TZ = 'Asia/Shanghai';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
const pageErrors: string[] = [];

async function newPage(viewport = { width: 1366, height: 860 }): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: TZ, baseURL: server.url });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  return { ctx, page };
}


/** Opens an antd Select and picks the option with this exact title. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click();
}

/** A calendar day in Beijing, `offset` days from today. */
function beijingDay(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('网格人员（浏览器）', () => {
  const name = '岳晓航';
  const idNumber = makeIdNumber('231102', '1991-06-18', 517);
  let grid: { code: string; name: string };
  let staffUrl = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('花园街道中心：在网格页任命新人员，在人员列表找到并查看完整身份证号，岗前培训合格取得上岗证', async () => {
    const { ctx, page } = await newPage();
    await login(page, 'huayuan');
    const list = (await (await page.request.get(`/api/grids?within=${HUAYUAN}&level=grid&status=active`)).json()) as { items: { code: string; name: string; kind: string }[] };
    grid = list.items.find((g) => g.kind === 'urban')!;

    // The grid page: who serves it, and 任命人员 with the grid already filled in.
    await page.goto(`/grids/${grid.code}`);
    await visible(page.getByTestId('grid-staff'));
    expect(await page.getByTestId('grid-staff').getByRole('link', { name: /公示牌/ }).getAttribute('href')).toBe(`/g/${grid.code}`);
    await page.getByTestId('appoint-on-grid').click();
    await page.waitForURL(/\/staff\/new\?grid=/);
    await textOf(page.getByTestId('grid-picker')).toContain(grid.name);

    await page.getByLabel('姓名').fill(name);
    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByLabel('手机号').fill('13904567788');
    await page.getByLabel('任职原因').fill('经社区党组织推荐，居委会研究决定');
    // The server's rules come back one problem each: a 专职网格员 is contracted, and none is on file.
    await choose(page, page.getByTestId('role-select'), '专职网格员');
    await page.getByRole('button', { name: '提交任命' }).click();
    await textOf(page.getByRole('alert').filter({ hasText: '聘用制' })).toContain(`网格 ${grid.code}（专职网格员）`);
    // As the grid's head instead, with the background the role needs.
    await choose(page, page.getByTestId('role-select'), '网格长');
    await choose(page, page.getByTestId('background-select'), '居（村）民委员会成员');
    await page.getByRole('button', { name: '提交任命' }).click();
    await page.waitForURL(/\/staff\/[0-9a-f-]{36}$/);
    staffUrl = new URL(page.url()).pathname;
    await textOf(page.getByTestId('staff-name')).toBe(name);
    await textOf(page.getByTestId('current-assignments')).toContain(grid.name);
    await textOf(page.getByTestId('decision-timeline')).toContain('经社区党组织推荐');

    // The staff list finds them by name; the ID number is masked there and on the person's page.
    await page.getByRole('menuitem', { name: '网格人员' }).click();
    await page.waitForURL(/\/staff$/);
    await page.getByLabel('搜索姓名或手机号').fill(name);
    await page.getByLabel('搜索姓名或手机号').press('Enter');
    const row = page.getByTestId('staff-table').locator('tr', { hasText: name });
    await visible(row);
    await textOf(row).toContain('网格长');
    expect(await row.innerText()).not.toContain(idNumber);
    await row.getByRole('link', { name }).click();
    await page.waitForURL(new RegExp(`${staffUrl}$`));
    await textOf(page.getByTestId('masked-idNumber')).toMatch(/^2311\*+\d{3}[\dX]$/);

    // Unmask with a stated reason: shown in place, for a while.
    await page.getByTestId('unmask-button').click();
    await page.getByLabel('查看原因').fill('核对社会保险参保信息');
    await page.getByRole('dialog').getByRole('button', { name: /查\s*看/ }).click();
    await textOf(page.getByTestId('unmasked-idNumber')).toBe(idNumber);

    // A pre-job course that ended yesterday; recording a pass certifies the person.
    await page.getByRole('menuitem', { name: '培训与持证' }).click();
    await page.waitForURL(/\/training$/);
    await page.getByRole('button', { name: '开设培训班' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('课程名称').fill('网格员岗前培训（浏览器测试）');
    await dialog.getByPlaceholder('开始日期').click();
    await page.keyboard.type(beijingDay(-3));
    await page.keyboard.press('Enter');
    await dialog.getByPlaceholder('结束日期').click();
    await page.keyboard.type(beijingDay(-1));
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /开\s*设/ }).click();
    await page.waitForURL(/\/training\/[0-9a-f-]{36}$/);
    await textOf(page.getByTestId('course-name')).toBe('网格员岗前培训（浏览器测试）');
    await page.getByPlaceholder('按姓名筛选').fill(name);
    const student = page.getByTestId('attendance-table').locator('tr', { hasText: name });
    await visible(student);
    await student.getByLabel(`${name}成绩`).fill('86');
    await student.getByLabel(`${name}成绩`).blur();
    expect(await student.getByLabel(`${name}合格`).isChecked()).toBe(true);
    await page.getByTestId('save-attendance').click();
    await textOf(page.getByTestId('certificates-issued')).toContain(`${name}：231102-`);

    await page.goto(`${staffUrl}?tab=certification`);
    await textOf(page.getByTestId('eligibility')).toContain('可以承办事项');
    await textOf(page.getByTestId('certificates')).toContain('有效');
    await ctx.close();
  });

  it('爱辉区中心：发放工作证，查看配备缺口与着色地图', async () => {
    const { ctx, page } = await newPage();
    await login(page, 'aihui');
    await page.goto(`${staffUrl}?tab=certification`);
    await page.getByTestId('issue-work-id').click();
    await page.getByRole('button', { name: /发\s*放/ }).last().click();
    await textOf(page.getByTestId('work-ids')).toContain('有效');

    await page.getByRole('menuitem', { name: '配备缺口' }).click();
    await page.waitForURL(/\/staffing$/);
    await textOf(page.getByTestId('gaps-title')).toContain('爱辉区');
    await textOf(page.getByTestId('gap-totals')).toContain('无网格长');
    await visible(page.getByTestId('gaps-legend'));
    await page.waitForSelector('[data-testid=gaps-map] canvas');
    await expect.poll(() => paintedPixels(page, '[data-testid=gaps-map]'), { timeout: 30_000 }).toBeGreaterThan(100);
    await textOf(page.getByTestId('gap-quotas')).toContain('爱辉区');

    // One level down: 花园街道, where the new head now serves.
    await page.getByTestId('gap-areas').locator('tr', { hasText: '花园街道' }).click();
    await page.waitForURL(/within=231102001000/);
    await textOf(page.getByTestId('gaps-title')).toContain('花园街道');
    await visible(page.getByTestId('staffing-settings'));
    await ctx.close();
  });

  it('390 px 宽的手机屏幕：人员页面不横向溢出', async () => {
    const { ctx, page } = await newPage({ width: 390, height: 800 });
    await login(page, 'huayuan');
    for (const path of ['/staff', staffUrl, '/staff/new', `/grids/${grid.code}`, '/staffing', '/training', '/assessments', '/me']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(1);
    }
    await ctx.close();
  });

  it('网格员本人页面（/me）：首屏 JS 小于 350 KB（gzip），不加载地图', async () => {
    const { ctx, page } = await newPage({ width: 390, height: 800 });
    expect((await ctx.request.post('/api/auth/login', { data: { username: 'huayuan', password: DEMO_PASSWORD } })).ok()).toBe(true);
    const loaded = await scriptsLoaded(page, async () => {
      await page.goto('/me');
      await visible(page.getByTestId('my-work-id'));
    });
    expectLightFirstScreen(loaded);
    await ctx.close();
  });

  it('全程没有页面脚本错误', () => {
    expect(pageErrors).toEqual([]);
  });
});
