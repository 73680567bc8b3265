import type { Locator, Page } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo/demo.seed';

/** Debian's chromium, never a downloaded browser; the flags keep it off this machine's closed network. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Reduced motion: the app then shows and removes dialogs at once; on a loaded 2-core machine a
// dialog's closing animation was seen never to finish, leaving it over the page.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--force-prefers-reduced-motion'];

// playwright-core has no web-first assertions: poll with vitest instead.
export const visible = (l: Locator) => l.first().waitFor({ state: 'visible' });
export const textOf = (l: Locator) => expect.poll(() => l.first().innerText().catch(() => ''), { timeout: 20_000 });
export const countOf = (l: Locator) => expect.poll(() => l.count(), { timeout: 20_000 });

/** Signs a demo user in through the login page and waits for the app to show who is signed in. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await visible(page.getByTestId('current-user'));
}

/** Non-transparent pixels on a Leaflet canvas: proves polygons were actually painted. */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(`${selector} canvas`, (c) => {
    const cv = c as HTMLCanvasElement;
    const data = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 16) if (data[i] > 0) n++;
    return n;
  });
}

/**
 * The scripts a page loads while `open` runs, each with its gzip size: the first-screen weight that
 * the light phone pages are held to.
 */
export async function scriptsLoaded(page: Page, open: () => Promise<void>): Promise<{ url: string; gzip: number }[]> {
  const scripts: Promise<{ url: string; gzip: number }>[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r.body().then((b) => ({ url: r.url(), gzip: gzipSync(b, { level: 9 }).length })));
  });
  await open();
  await page.waitForLoadState('networkidle');
  return Promise.all(scripts);
}

/** The light phone pages' budget: under 350 KB of script (gzip) on the first screen, and no map code. */
export function expectLightFirstScreen(loaded: { url: string; gzip: number }[]): void {
  const total = loaded.reduce((n, s) => n + s.gzip, 0);
  expect(total, loaded.map((s) => `${s.url.split('/').pop()} ${s.gzip}`).join('\n')).toBeLessThan(350 * 1024);
  expect(loaded.some((s) => /leaflet|map/i.test(s.url))).toBe(false);
}
