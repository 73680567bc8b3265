import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../http/error-handler';
import { sendStoredFile } from './send-stored-file';
import { openLocalStorage } from './storage';

const root = mkdtempSync(path.join(tmpdir(), 'wangge-send-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function appWith() {
  const storage = await openLocalStorage(root);
  const app = Fastify();
  registerErrorHandler(app);
  app.get<{ Params: { key: string } }>('/files/:key', async (req, reply) => sendStoredFile(reply, storage, req.params.key, { fileName: '现场照片.jpg' }));
  return { app, storage };
}

describe('sendStoredFile', () => {
  it('streams a stored photo with its type, length, private caching and no sniffing', async () => {
    const { app, storage } = await appWith();
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#abcdef' } }).jpeg().toBuffer();
    const { key } = await storage.put(jpeg, { contentType: 'image/jpeg' });
    const res = await app.inject(`/files/${key}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(jpeg.length),
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
      etag: `"${key}"`,
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(res.headers['content-disposition']).toBe(`inline; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`);
    expect(res.rawPayload.equals(jpeg)).toBe(true);

    const again = await app.inject({ url: `/files/${key}`, headers: { 'if-none-match': `"${key}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    const head = await app.inject({ method: 'HEAD', url: `/files/${key}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(jpeg.length));
    await app.close();
  });

  it('answers a missing or malformed key with the Chinese 404, never cacheable', async () => {
    const { app } = await appWith();
    for (const key of [`${'0'.repeat(64)}.jpg`, '..%2f..%2fetc%2fpasswd', 'x.jpg']) {
      const res = await app.inject(`/files/${key}`);
      expect(res.statusCode, key).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.json().error.message).toMatch(/文件不存在/);
      expect(res.headers['cache-control']).toBeUndefined();
    }
    await app.close();
  });
});
