import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, visible, textOf, countOf, login, paintedPixels } from '../support/browser';
import { startTestServer } from '../support/test-server';

// Journey: a county centre (爱辉区) adjusts a grid with 提交并生效; the city centre sees and acknowledges the filing (Art. 8).
const AIHUI = '231102000000';
const root = fileURLToPath(new URL('../..', import.meta.url));

let server: { url: string; close(): Promise<void> };
let browser: Browser;
const pageErrors: string[] = [];

async function newPage(viewport = { width: 1366, height: 860 }): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', baseURL: server.url });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  return { ctx, page };
}


describe('网格调整与备案（浏览器）', () => {
  let grid: { code: string; name: string };
  // Unique per run, so the filing row is found even on a reused database.
  const reason = `网格内新建住宅楼，人口按社区最新统计更新（测试 ${Date.now()}）`;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: root, stdio: 'inherit' });
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('爱辉区中心：地图显示县界和网格，提交并生效一项网格调整', async () => {
    const { ctx, page } = await newPage();
    await login(page, 'aihui');

    // City map: county outlines with labels, grids painted on the canvas renderer.
    await page.waitForSelector('[data-testid=city-map] canvas');
    await expect.poll(() => page.locator('.county-label').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(async () => (await page.getByTestId('grid-count').textContent()) ?? '', { timeout: 30_000 }).toMatch(/共 [\d,]+ 个网格/);
    await expect.poll(() => paintedPixels(page, '[data-testid=city-map]')).toBeGreaterThan(100);

    // A grid of 爱辉区, chosen through the API with the same session.
    const res = await page.request.get(`/api/grids?within=${AIHUI}&level=grid&status=active&limit=20`);
    expect(res.ok()).toBe(true);
    const list = (await res.json()) as { items: { code: string; name: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    grid = list.items[0];

    // The form: the editor draws with geoman (create is the default kind).
    await page.getByRole('menuitem', { name: '新建/调整' }).click();
    await page.waitForURL(/\/changes\/new$/);
    await page.waitForSelector('[data-testid=editor-map].leaflet-container');
    await page.getByRole('button', { name: '绘制多边形' }).click();
    const box = (await page.getByTestId('editor-map').boundingBox())!;
    const pt = (dx: number, dy: number) => ({ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy });
    for (const p of [pt(-60, -40), pt(60, -40), pt(40, 50), pt(-60, -40)]) {
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(150);
    }
    await expect.poll(() => page.getByRole('button', { name: '清除边界' }).isEnabled()).toBe(true);

    // Adjust the chosen grid: switch to 调整边界, type its code.
    await page.getByText('调整边界', { exact: true }).click();
    const select = page.getByTestId('grid-select');
    await select.click();
    await page.keyboard.type(grid.code);
    await page.getByText(`使用编码 ${grid.code}`).click();
    await textOf(page.getByTestId('target-grid')).toContain(grid.code);
    await expect.poll(() => page.getByLabel('网格名称').inputValue()).toBe(grid.name);
    // a value unlikely to equal the current one, so the change is never a no-op
    await page.getByLabel('人口').fill(String(1000 + (Date.now() % 8999)));
    await page.getByLabel('调整原因').fill(reason);

    await page.getByRole('button', { name: /校\s*验/ }).click();
    await visible(page.getByTestId('validation-report'));
    expect(await page.getByTestId('validation-errors').count()).toBe(0);

    await page.getByRole('button', { name: '提交并生效' }).click();
    await visible(page.getByTestId('change-created'));
    await textOf(page.getByTestId('change-view')).toContain('已生效');
    await textOf(page.getByTestId('result-codes')).toContain(grid.code);

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login/);
    await ctx.close();
  });

  it('市中心：备案收件箱出现该调整并确认', async () => {
    const { ctx, page } = await newPage();
    await login(page, 'city');
    await page.getByRole('menuitem', { name: /备案/ }).click();
    await page.waitForURL(/\/filings$/);
    const row = page.getByTestId('filings-table').locator('tr', { hasText: reason }).first();
    await visible(row);
    await textOf(row).toContain('爱辉区');
    await textOf(row).toContain(grid.code);
    await row.getByRole('button', { name: '确认备案' }).click();
    await page.getByLabel('备注').fill('已核对');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*认/ }).click();
    await countOf(page.getByRole('dialog')).toBe(0);

    await page.getByRole('tab', { name: '已确认' }).click();
    const done = page.getByTestId('filings-table').locator('tr', { hasText: reason }).first();
    await textOf(done).toContain('已核对');
    await ctx.close();
  });

  it('390 px 宽的手机屏幕：菜单收起，页面不横向溢出', async () => {
    const { ctx, page } = await newPage({ width: 390, height: 800 });
    await login(page, 'huayuan');
    await page.waitForSelector('[data-testid=city-map] canvas');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await ctx.close();
  });

  it('网格名称中的 HTML 在地图提示中按原样显示为文字，不被执行或渲染', async () => {
    const { ctx, page } = await newPage();
    await login(page, 'aihui');
    const list = (await (await page.request.get(`/api/grids?within=231102003000&level=grid&status=active&limit=5`)).json()) as { items: { code: string }[] };
    const [named, target] = list.items;
    const evil = '<b>粗体</b><img src=x>网格';
    const renamed = await page.request.post('/api/grid-changes', {
      data: { kind: 'redraw', gridCode: named.code, reason: '名称中含有 HTML 的测试', grid: { name: evil }, apply: true },
    });
    expect(renamed.status()).toBe(201);

    // The retire form shows the community's other grids on a reference map, labelled by name.
    await page.goto(`/changes/new?kind=retire&grid=${target.code}`);
    await page.waitForSelector('[data-testid=reference-map] canvas');
    await page.waitForTimeout(1000); // the map fits to the community
    const box = (await page.getByTestId('reference-map').boundingBox())!;
    let found = false;
    // Hover across the map until the renamed grid's tooltip opens (the canvas renderer throttles hover checks).
    for (let y = 0.1; y < 0.95 && !found; y += 0.05) {
      for (let x = 0.25; x < 0.76 && !found; x += 0.04) {
        await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
        await page.waitForTimeout(40);
        found = (await page.locator('.leaflet-tooltip', { hasText: '粗体' }).count()) > 0;
      }
    }
    expect(found, 'tooltip of the renamed grid').toBe(true);
    const tip = page.locator('.leaflet-tooltip', { hasText: '粗体' }).first();
    expect(await tip.textContent()).toContain(evil);
    expect(await tip.locator('b, img').count()).toBe(0);
    await ctx.close();
  });

  it('全程没有页面脚本错误', () => {
    expect(pageErrors).toEqual([]);
  });
});
