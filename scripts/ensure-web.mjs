#!/usr/bin/env node
// Builds the web SPA (web/dist) only when it is missing or older than any source under web/ or common/,
// so `npm start` on an existing build starts at once. `--force` always builds.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist');
const SKIP = new Set(['dist', 'node_modules', '.vite']);

/** Newest modification time of the files under `dir` (skipping build output). */
function newestMtime(dir) {
  let newest = 0;
  let newestFile = '';
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      // tests never reach the bundle; other sessions edit them constantly
      if (SKIP.has(e.name) || e.name.startsWith('.') || /\.test\.tsx?$/.test(e.name)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const m = statSync(p).mtimeMs;
        if (m > newest) [newest, newestFile] = [m, p];
      }
    }
  };
  walk(dir);
  return { newest, newestFile };
}

function builtAt() {
  try {
    return statSync(join(dist, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/** Returns why a build is needed, or null when web/dist is up to date. */
export function staleReason() {
  const built = builtAt();
  if (!built) return 'web/dist/index.html 不存在';
  for (const dir of ['web', 'common']) {
    const { newest, newestFile } = newestMtime(join(root, dir));
    if (newest > built) return `${relative(root, newestFile)} 比现有构建新`;
  }
  const cfg = ['package.json', 'package-lock.json'].map((f) => {
    try {
      return statSync(join(root, f)).mtimeMs;
    } catch {
      return 0;
    }
  });
  if (Math.max(...cfg) > built) return '依赖已变更';
  return null;
}

export async function ensureWeb({ force = false } = {}) {
  const reason = force ? '强制构建' : staleReason();
  if (!reason) return false;
  const started = Date.now();
  console.log(`[ensure-web] 正在构建前端（${reason}）…`);
  const { build } = await import('vite');
  // Vite builds React's development bundle whenever NODE_ENV is set to anything but 'production'
  // (vitest sets 'test'), and `npm start` would then serve that build: always build for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  console.log(`[ensure-web] 前端构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒 → web/dist`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWeb({ force: process.argv.includes('--force') }).catch((e) => {
    console.error('[ensure-web] 前端构建失败：', e?.message ?? e);
    process.exit(1);
  });
}
