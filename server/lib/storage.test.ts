import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/app-error';
import { openLocalStorage, parseKey, storageRoot } from './storage';

const dirs: string[] = [];
function freshRoot(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'wangge-files-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every stored file under root (not the temp folder), as [key, path]. */
function storedFiles(root: string): [string, string][] {
  const out: [string, string][] = [];
  for (const a of readdirSync(root).filter((n) => n !== 'tmp')) {
    for (const b of readdirSync(path.join(root, a))) {
      for (const k of readdirSync(path.join(root, a, b))) out.push([k, path.join(root, a, b, k)]);
    }
  }
  return out;
}

async function streamed(body: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('local storage', () => {
  it('stores bytes under a content-addressed key and gives them back', async () => {
    const root = freshRoot();
    const s = await openLocalStorage(root);
    const bytes = randomBytes(300_000);
    const ref = await s.put(bytes, { contentType: 'image/jpeg' });
    expect(ref).toEqual({ key: `${sha(bytes)}.jpg`, bytes: bytes.length, sha256: sha(bytes) });
    expect(await s.exists(ref.key)).toBe(true);
    const got = await s.get(ref.key);
    expect(got.contentType).toBe('image/jpeg');
    expect(got.size).toBe(bytes.length);
    expect((await streamed(got.body)).equals(bytes)).toBe(true);
    expect((await s.read(ref.key)).equals(bytes)).toBe(true);
    // Sharded by the hash; the temporary file is gone.
    expect(statSync(path.join(root, ref.sha256.slice(0, 2), ref.sha256.slice(2, 4), ref.key)).size).toBe(bytes.length);
    expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
    // The same bytes again: the same key, one file.
    expect((await s.put(bytes, { contentType: 'image/jpeg' })).key).toBe(ref.key);
    expect(storedFiles(root)).toHaveLength(1);
    // Another type is another key.
    expect((await s.put(bytes, { contentType: 'application/pdf' })).key).toBe(`${sha(bytes)}.pdf`);
  });

  it('lives in DATA_DIR/files', () => {
    expect(storageRoot({ dataDir: '/srv/wangge' })).toBe('/srv/wangge/files');
    expect(() => storageRoot({ dataDir: 'memory://' })).toThrow();
  });

  it('turns no key into a path outside the store', async () => {
    const root = freshRoot();
    const s = await openLocalStorage(path.join(root, 'files'));
    writeFileSync(path.join(root, 'secret.txt'), 'secret');
    const h = 'a'.repeat(64);
    const hostile = [
      '../secret.txt',
      '../../etc/passwd',
      `${h}.jpg/../../secret.txt`,
      `../${h}.jpg`,
      `/${h}.jpg`,
      `aa/aa/${h}.jpg`,
      `${h}.jpg\0`,
      `${h}.JPG`,
      `${h.toUpperCase()}.jpg`,
      `${h}.exe`,
      `${h}`,
      `${h}.jpg `,
      `${'a'.repeat(63)}.jpg`,
      '..',
      '',
      '%2e%2e%2fsecret.txt',
      'tmp',
    ];
    for (const k of hostile) {
      expect(parseKey(k), k).toBeNull();
      expect(await s.exists(k)).toBe(false);
      await expect(s.get(k)).rejects.toMatchObject({ code: 'not_found' });
      await expect(s.read(k)).rejects.toBeInstanceOf(AppError);
    }
    expect(parseKey({ toString: () => `${h}.jpg` })).toBeNull();
    // A well-formed key that was never stored.
    await expect(s.get(`${h}.jpg`)).rejects.toMatchObject({ code: 'not_found', message: '文件不存在或已被删除' });
    // Unknown content types are refused, not stored as something.
    await expect(s.put(Buffer.from('x'), { contentType: 'text/html' as never })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('removes temporary files left by a dead writer once they are old, not those being written', async () => {
    const root = freshRoot();
    await openLocalStorage(root);
    const old = path.join(root, 'tmp', 'old.part');
    const fresh = path.join(root, 'tmp', 'fresh.part');
    writeFileSync(old, 'half');
    writeFileSync(fresh, 'half');
    const past = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, past, past);
    await openLocalStorage(root);
    expect(readdirSync(path.join(root, 'tmp'))).toEqual(['fresh.part']);
  });

  it('never loses or half-writes an acknowledged file when the writer is killed', async () => {
    const root = freshRoot();
    const storageModule = path.resolve(import.meta.dirname, 'storage.ts');
    // A writer that prints each key once put() resolved, with files of up to 2 MB.
    const script = `
      const { openLocalStorage } = await import(${JSON.stringify(storageModule)});
      const { randomBytes } = await import('node:crypto');
      const s = await openLocalStorage(${JSON.stringify(root)});
      for (;;) {
        const ref = await s.put(randomBytes(1000 + Math.floor(Math.random() * 2_000_000)), { contentType: 'image/jpeg' });
        process.stdout.write(ref.key + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`writer stopped early (${code})`)));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').length > 25) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('close', r));
    const acknowledged = out.split('\n').filter((l) => l.endsWith('.jpg'));
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    const s = await openLocalStorage(root);
    for (const key of acknowledged) {
      expect(await s.exists(key)).toBe(true);
    }
    // Whatever is in place is whole: its name is its content's hash.
    for (const [key, p] of storedFiles(root)) expect(`${sha(readFileSync(p))}.jpg`).toBe(key);
    // At most the one file being written when it died is left, in the temp folder.
    expect(readdirSync(path.join(root, 'tmp')).length).toBeLessThanOrEqual(1);
  });
});
