import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser';
import { startTestServer } from '../support/test-server';

// Journey: a resident scans the QR code on a grid's board with a cheap phone, JavaScript off,
// reports a problem with a photo, keeps the tracking code and follows the link to the progress page.
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let gridCode: string;
const photoPath = path.join(tmpdir(), `wangge-resident-${process.pid}.jpg`);

/** Submits the form and waits for the answer page (its address is the form's own, so waiting for the URL proves nothing). */
async function submitForm(page: Page) {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交' }).click()]);
  await page.waitForLoadState('load');
  return res;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('群众扫码反映问题（浏览器，无 JavaScript）', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const ctx = await browser.newContext({ baseURL: server.url });
    expect((await ctx.request.post('/api/auth/login', { data: { username: 'huayuan', password: 'Heihe@2026' } })).status()).toBe(200);
    const list = (await (await ctx.request.get('/api/grids?within=231102001006&level=grid&limit=5')).json()) as { items: { code: string }[] };
    gridCode = list.items[0].code;
    await ctx.close();
    writeFileSync(photoPath, await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6a8' } }).jpeg().toBuffer());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('在 390 px 手机上填写、拍照提交，得到查询码，打开办理进度页', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', baseURL: server.url, javaScriptEnabled: false, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const res = await page.goto(`/r/${gridCode}`);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toContain('网格');
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    const submit = (await page.getByRole('button', { name: '提交' }).boundingBox())!;
    expect(submit.height).toBeGreaterThanOrEqual(44);

    // First with a wrong phone (the browser itself insists on the required fields): the form
    // comes back from the server with the message beside the field and what was typed kept.
    await page.getByLabel('问题类型').selectOption({ label: '暴露垃圾' });
    await page.getByLabel('问题描述').fill('小区东门的垃圾桶已经满了三天，没有人来清运');
    await page.getByLabel('位置/地址').fill('长海小区东门');
    await page.getByLabel('联系电话').fill('1390456');
    expect((await submitForm(page)).status()).toBe(400);
    expect(await page.locator('#phone-err').innerText()).toContain('手机号');
    expect(await page.getByLabel('问题类型').inputValue()).toBe('090102');
    expect(await page.getByLabel('问题描述').inputValue()).toContain('垃圾桶已经满了三天');
    expect(await page.getByLabel('联系电话').inputValue()).toBe('1390456');
    await page.screenshot({ path: path.join(tmpdir(), 'wangge-resident-error.png'), fullPage: true });

    await page.getByLabel('联系电话').fill('13904561111');
    await page.locator('#photo1').setInputFiles(photoPath);
    expect((await submitForm(page)).status()).toBe(201);
    const code = (await page.locator('#tracking-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    expect(await page.locator('main').innerText()).toContain('请记下查询码');
    expect(await page.locator('main').innerText()).toMatch(/照片\s*1 张/);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(tmpdir(), 'wangge-resident-done.png') });

    await page.getByRole('link', { name: '查看办理进度' }).click();
    await page.waitForURL(`**/t/${code}`);
    expect(await page.locator('#state').innerText()).toContain('已受理');
    expect(await page.locator('h1').innerText()).toBe('暴露垃圾');
    expect(await page.locator('main').innerText()).toContain('已受理，交由属地网格化管理服务机构处理');
    expect(await page.locator('main').innerText()).not.toContain('13904561111');
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await page.locator('script').count()).toBe(0);

    // Typing the code in lower case on /t finds it too.
    await page.goto('/t');
    await page.getByLabel('查询码').fill(code.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(`**/t/${code}`);
    expect(await page.locator('h1').innerText()).toBe('暴露垃圾');
    await ctx.close();
  });
});
