import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery, buildTemplate, withDatabase } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    templateFile: string;
    templateDbUrl: string;
  }
}

/**
 * Seeds one template database per run (migrations, real divisions, demo accounts, demo grids):
 * a PGlite data-dir dump, or a PostgreSQL template database when TEST_DATABASE_URL is set.
 * Each test file then starts from a fresh copy of it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The web build is shared by the browser tests and the server's page routes: build it once, first.
  // @ts-expect-error plain JavaScript module without types
  const { ensureWeb } = await import('../../scripts/ensure-web.mjs');
  await ensureWeb();
  const url = process.env.TEST_DATABASE_URL;
  const t0 = performance.now();
  if (url) {
    const name = `wangge_tpl_${process.pid}`;
    await adminQuery(url, `drop database if exists ${name}`);
    await adminQuery(url, `create database ${name}`);
    await buildTemplate({ databaseUrl: withDatabase(url, name) });
    project.provide('templateDbUrl', withDatabase(url, name));
    project.provide('templateFile', '');
    console.log(`测试模板库（PostgreSQL ${name}）已就绪，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
    return async () => {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'wangge-test-'));
  const file = path.join(dir, 'template.tar');
  const blob = await buildTemplate({});
  writeFileSync(file, Buffer.from(await blob!.arrayBuffer()));
  project.provide('templateFile', file);
  project.provide('templateDbUrl', '');
  console.log(`测试模板库（PGlite）已就绪，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
  return async () => rmSync(dir, { recursive: true, force: true });
}
