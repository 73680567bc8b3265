import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../common/domain/id-number';
import { dayOf } from '../../server/lib/clock';
import { qrSvg } from '../../server/lib/qr';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser';
import { startTestServer } from '../support/test-server';

// Journey: a resident opens a grid's public notice on a phone, follows the QR code's address to
// report a matter; the street centre prints the grid's board, and every board of a community, as PDF.
const HUAYUAN = '231102001000';
const root = fileURLToPath(new URL('../..', import.meta.url));

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let grid: { code: string; name: string; divisionCode: string };
const pageErrors: string[] = [];

async function newPage(viewport = { width: 390, height: 844 }): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', baseURL: server.url });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.setDefaultTimeout(20_000);
  return { ctx, page };
}

/** Pages of a PDF from its page tree (chromium writes it uncompressed). */
function pdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  const alt = [...text.matchAll(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1]));
  const all = [...counts, ...alt];
  return all.length ? Math.max(...all) : (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

describe('网格公示（浏览器）', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: root, stdio: 'inherit' });
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // The street centre appoints a head and a full-time worker to a grid of its street.
    const ctx = await browser.newContext({ baseURL: server.url });
    expect((await ctx.request.post('/api/auth/login', { data: { username: 'huayuan', password: 'Heihe@2026' } })).status()).toBe(200);
    const list = (await (await ctx.request.get(`/api/grids?within=${HUAYUAN}&level=grid&limit=50`)).json()) as { items: (typeof grid & { kind: string })[] };
    grid = list.items.find((g) => g.kind === 'urban')!;
    const today = dayOf(new Date());
    let seq = 501;
    for (const [name, role, extra] of [['赵网格长', 'grid_head', { background: 'party_org' }], ['钱专职', 'fulltime', {}]] as const) {
      const person = { name, idNumber: makeIdNumber('231102', '1985-06-01', (seq += 2)), phone: `1390456${seq}0`.slice(0, 11), townshipCode: HUAYUAN, contractStart: '2025-01-01', contractEnd: '2030-12-31' };
      const r = await ctx.request.post('/api/staff/appointments', { data: { person, assignments: [{ gridCode: grid.code, role, ...extra }], effectiveOn: today, reason: '公示浏览器测试', decidingBody: '花园街道网格化管理服务中心' } });
      expect(r.status(), await r.text()).toBe(201);
    }
    await ctx.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('手机上打开网格公示页：网格、范围图、网格长和网格员、二维码，无脚本，不横向溢出', async () => {
    const { ctx, page } = await newPage();
    const res = await page.goto(`/g/${grid.code}`);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe(grid.name);
    expect(await page.locator('script').count()).toBe(0);
    const text = await page.locator('main').innerText();
    for (const s of ['赵网格长', '钱专职', '网格长', '专职网格员', '12345', grid.code]) expect(text).toContain(s);
    const outline = (await page.locator('svg.outline path').first().boundingBox())!;
    expect(outline.width).toBeGreaterThan(100);
    expect(outline.height).toBeGreaterThan(50);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

    // The QR code encodes exactly the report address shown beside it.
    const reportUrl = `${server.url}/r/${grid.code}`;
    const qr = await page.locator('svg.qr').evaluate((e) => e.outerHTML);
    const expected = (await qrSvg(reportUrl)).trim();
    const modules = (svg: string) => [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
    expect(modules(qr)).toEqual(modules(expected));
    expect(modules(qr).join('').length).toBeGreaterThan(200);
    await page.getByRole('link', { name: reportUrl }).click();
    await page.waitForURL(`**/r/${grid.code}`);
    expect(await page.locator('form[action^="/r/"]').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe(grid.name);
    await ctx.close();
  });

  it('公示牌打印为一页 A4 PDF，联系卡也是一页', async () => {
    const { ctx, page } = await newPage({ width: 1280, height: 900 });
    await page.goto(`/g/${grid.code}/board`);
    const board = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(tmpdir(), 'wangge-notice-board.pdf'), board);
    expect(pdfPages(board)).toBe(1);
    const box = board.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/)!;
    expect(Math.abs(Number(box[1]) - 595.28)).toBeLessThan(2); // A4 in points
    expect(Math.abs(Number(box[2]) - 841.89)).toBeLessThan(2);
    await page.goto(`/g/${grid.code}/card`);
    const card = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(tmpdir(), 'wangge-notice-card.pdf'), card);
    expect(pdfPages(card)).toBe(1);
    await ctx.close();
  });

  it('街道中心打印一个社区的全部公示牌：每个网格一页', async () => {
    const { ctx, page } = await newPage({ width: 1280, height: 900 });
    expect((await ctx.request.post('/api/auth/login', { data: { username: 'huayuan', password: 'Heihe@2026' } })).status()).toBe(200);
    const grids = (await (await ctx.request.get(`/api/grids?within=${grid.divisionCode}&level=grid&limit=200`)).json()) as { items: unknown[] };
    const res = await page.goto(`/g/print?within=${grid.divisionCode}`);
    expect(res!.status()).toBe(200);
    expect(await page.locator('section.sheet').count()).toBe(grids.items.length);
    const all = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(tmpdir(), 'wangge-notice-all.pdf'), all);
    expect(pdfPages(all)).toBe(grids.items.length);
    await ctx.close();
  });

  it('全程没有页面脚本错误', () => {
    expect(pageErrors).toEqual([]);
  });
});
