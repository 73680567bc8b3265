import { request as pwRequest, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { labelPointOf } from '../../common/geo/measure';
import type { AreaGeometry } from '../../common/geo/types';
import { DEMO_PASSWORD } from '../../server/seed/demo/demo.seed';
import { login } from './browser';

/** A plain-colour JPEG as a phone would upload it. */
export const jpeg = (colour = '#3a6ea5', width = 800, height = 600) => sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();

/** Today in Beijing, `offset` days away, as YYYY-MM-DD. */
export const beijingDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** An API client of the running test server, signed in as a demo user. */
export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const r = await pwRequest.newContext({ baseURL });
  const res = await r.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  return r;
}

/**
 * Browser tests run the server on real time while the test database is seeded as of 2026-01-05, so
 * the demo worker's three-year 上岗证 may have run out: the street centre trains and certifies the
 * worker again through the API (a pre-job course that ended yesterday), as it would in a real year.
 * Returns the worker's own grid and a point inside it.
 */
export async function certifiedWorker(baseURL: string, username = 'changhai-wgy', street = 'huayuan') {
  const worker = await apiAs(baseURL, username);
  const me = (await (await worker.get('/api/me/staff')).json()) as { staffId: string; assignments: { role: string; gridCode: string; gridName: string; gridLevel: string }[] };
  const centre = await apiAs(baseURL, street);
  const township = ((await (await centre.get('/api/auth/me')).json()) as { user: { scopeCode: string } }).user.scopeCode;
  const course = await centre.post('/api/training/courses', { data: { name: '网格员岗前培训（复训）', kind: 'pre_job', townshipCode: township, startsOn: beijingDay(-3), endsOn: beijingDay(-1), hours: 16 } });
  expect(course.status(), await course.text()).toBe(201);
  const done = await centre.post(`/api/training/courses/${((await course.json()) as { id: string }).id}/attendance`, { data: { records: [{ staffId: me.staffId, attended: true, passed: true, score: 90 }] } });
  expect(done.status(), await done.text()).toBe(200);
  const grid = me.assignments.filter((a) => a.gridLevel === 'grid').sort((a, b) => a.role.localeCompare(b.role) || a.gridCode.localeCompare(b.gridCode))[0];
  const detail = (await (await worker.get(`/api/grids/${grid.gridCode}`)).json()) as { grid: { boundary: AreaGeometry } };
  const [lng, lat] = labelPointOf(detail.grid.boundary);
  await centre.dispose();
  return { api: worker, staffId: me.staffId, gridCode: grid.gridCode, gridName: grid.gridName, lng, lat };
}

/** A desktop browser page signed in as a demo user; script errors are collected into `errors`. */
export async function deskPage(browser: Browser, baseURL: string, username: string, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  await login(page, username);
  return page;
}

/**
 * Confirms an action dialog with its button and waits for it to close; a dialog left open fails
 * with what it shows (the server's refusal is in it), not with a later, puzzling assertion.
 */
export async function confirmDialog(page: Page, name: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name }).click();
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  } catch {
    throw new Error(`对话框没有关闭：${(await dialog.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400)}`);
  }
}
