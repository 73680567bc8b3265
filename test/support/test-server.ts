import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestApp } from './test-app';

/** A real listening server on a fresh seeded database, with the built web app, for browser tests. */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/ensure-web.mjs')], { stdio: 'inherit' });
  const t = await createTestApp({ realTime: true });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => t.close() };
}
