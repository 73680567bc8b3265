import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../common/domain/id-number';
import { CHROMIUM, CHROMIUM_ARGS, visible, textOf, login } from '../support/browser';
import { startTestServer } from '../support/test-server';
import { staffWorkbook, type StaffCells } from '../support/xlsx';

// Journey: the street centre (花园街道) imports its workers from Excel: uploads a file with mistakes,
// reads the row report, uploads the corrected file, imports it with progress to done, and finds the
// people in the list (Art. 11, 13).
const HUAYUAN = '231102001000';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
const pageErrors: string[] = [];

async function newPage(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: server.url, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  return { ctx, page };
}

describe('网格人员 Excel 导入（浏览器）', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('花园街道中心：上传有误的表格看到逐行报告，改正后确认导入，进度到完成，在列表中找到导入的人员', async () => {
    const { ctx, page } = await newPage();
    await login(page, 'huayuan');
    const res = await page.request.get(`/api/grids?within=${HUAYUAN}&level=grid&status=active`);
    const grids = ((await res.json()) as { items: { code: string; kind: string }[] }).items.filter((g) => g.kind === 'urban').map((g) => g.code);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tag = `导入${Date.now() % 100_000}`;
    const base = { effectiveOn: today, decidingBody: '花园街道网格化管理服务中心', reason: '经招聘考试录用' };
    const good: StaffCells[] = Array.from({ length: 12 }, (_, i) => ({
      name: `${tag}${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`,
      idNumber: makeIdNumber('231102', '1953-08-09', 301 + 2 * i),
      phone: `1390456${String(1000 + i)}`,
      kind: i % 2 ? '兼职网格员' : '专职网格员',
      background: i % 2 ? '志愿者' : null,
      gridCodes: grids[i % grids.length],
      contractStart: i % 2 ? null : today,
      contractEnd: i % 2 ? null : '2029-12-31',
      ...base,
    }));
    const bad = good.map((r) => ({ ...r }));
    bad[1] = { ...bad[1], background: null };
    const id4 = String(bad[4].idNumber);
    bad[4] = { ...bad[4], idNumber: id4.slice(0, 17) + (id4[17] === '0' ? '1' : '0') };
    bad[6] = { ...bad[6], gridCodes: '231102001099999' };

    // The staff list hosts the import and export buttons.
    await page.goto('/staff');
    await visible(page.getByTestId('staff-export-button'));
    await page.getByTestId('staff-import-button').click();
    const dialog = page.getByTestId('import-dialog');
    await visible(dialog);
    await expect.poll(() => page.getByTestId('import-commit').isDisabled()).toBe(true);

    // Watch for the progress bar: checking and importing are quick for a dozen rows.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: number };
      w.sawProgress = 0;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=import-progress]')) w.sawProgress++;
      }).observe(document.body, { subtree: true, childList: true });
    });
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({ name: '花园街道网格员.xlsx', mimeType: XLSX, buffer: await staffWorkbook(bad) });
    await visible(page.getByTestId('import-report'));
    await expect.poll(() => page.getByTestId('import-problem').count()).toBe(3);
    const report = page.getByTestId('import-report');
    await textOf(report).toContain('检查发现 3 行有问题');
    await textOf(report).toContain('第 3 行');
    await textOf(report).toContain('身份背景');
    await textOf(report).toContain('校验位');
    await textOf(report).toContain('没有编码为 231102001099999 的网格');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    // Fixed and uploaded again: clean, and the commit button comes alive.
    await dialog.locator('input[type=file]').setInputFiles({ name: '花园街道网格员（改）.xlsx', mimeType: XLSX, buffer: await staffWorkbook(good) });
    await visible(page.getByTestId('import-clean'));
    await textOf(page.getByTestId('import-clean')).toContain('全部 12 行检查通过：将登记 12 人、任职 12 项');
    await expect.poll(() => page.getByTestId('import-commit').isEnabled()).toBe(true);
    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    await textOf(page.getByTestId('import-done')).toContain('已登记 12 人、任职 12 项');
    expect(await page.evaluate(() => (window as unknown as { sawProgress: number }).sawProgress)).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^完\s*成$/ }).click();

    // The list (refreshed) finds them.
    await page.getByLabel('搜索姓名或手机号').fill(tag);
    await page.getByLabel('搜索姓名或手机号').press('Enter');
    await textOf(page.getByTestId('staff-table')).toContain(`${tag}甲`);
    await expect.poll(() => page.getByTestId('staff-table').locator('tbody tr.ant-table-row').count()).toBe(12);

    // The export of that list downloads a workbook.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('staff-export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^网格人员_.*\.xlsx$/);
    expect(pageErrors).toEqual([]);
    await ctx.close();
  });
});
