#!/usr/bin/env node
// Compiles the server to JavaScript (dist/server) so it starts without a TypeScript loader:
// main.js (the server), cli.js (the command line), and the worker threads: geometry.worker.js
// (large boundary checks) and staff-sheet.worker.js (reading uploaded staff spreadsheets).
// Rebuilds only when a source under server/ or common/ (or the dependencies) is newer than the build.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'server');
const entries = {
  main: 'server/main.ts',
  cli: 'server/cli.ts',
  'geometry.worker': 'server/lib/geometry.worker.ts',
  'staff-sheet.worker': 'server/modules/staff/excel/sheet.worker.ts',
};

// Packages stay external (installed beside dist/), except data files imported as modules: Node 20
// can't import JSON without an import attribute, so chinese-days' holiday data is bundled in.
const require = createRequire(import.meta.url);
const bundledData = {
  name: 'bundled-data',
  setup(b) {
    b.onResolve({ filter: /^chinese-days\/dist\/.+\.json$/ }, (args) => ({ path: require.resolve(args.path, { paths: [root] }) }));
  },
};

function newest(dir) {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) m = Math.max(m, newest(p));
    else if (!/\.test\.ts$/.test(e.name)) m = Math.max(m, statSync(p).mtimeMs);
  }
  return m;
}
function builtAt() {
  try {
    return Math.min(...Object.keys(entries).map((k) => statSync(join(out, `${k}.js`)).mtimeMs));
  } catch {
    return 0;
  }
}

export async function buildServer({ force = false } = {}) {
  const sources = Math.max(newest(join(root, 'server')), newest(join(root, 'common')), statSync(join(root, 'package-lock.json')).mtimeMs, statSync(join(root, 'scripts', 'build-server.mjs')).mtimeMs);
  if (!force && builtAt() > sources) return false;
  const t0 = Date.now();
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(root, v)])),
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [bundledData],
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`[build-server] 服务端已编译到 dist/server，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildServer({ force: process.argv.includes('--force') }).catch((e) => {
    console.error('[build-server] 服务端编译失败：', e?.message ?? e);
    process.exit(1);
  });
}
