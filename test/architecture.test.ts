import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

describe('import boundaries', () => {
  it('keeps common/ isomorphic: no server/, web/ or node: imports', () => {
    const offenders = sources(path.join(root, 'common')).flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith('node:') || /(^|\/)(server|web)\//.test(i) || ['fs', 'path', 'crypto'].includes(i))
        .map((i) => `${path.relative(root, f)} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the web app off server code', () => {
    const offenders = sources(path.join(root, 'web'))
      .filter((f) => !f.endsWith('vite.config.ts'))
      .flatMap((f) =>
      imports(f)
        .filter((i) => /(^|\/)server\//.test(i) || i.startsWith('node:'))
        .map((i) => `${path.relative(root, f)} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps SQL in repos: nothing else in server/modules builds queries', () => {
    const offenders = sources(path.join(root, 'server/modules'))
      .filter((f) => !f.endsWith('.repo.ts'))
      .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
