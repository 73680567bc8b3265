import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../common/app-error';

/**
 * Files of the platform (matter photos, attachments, generated documents) behind one interface.
 * Keys are content-addressed: the SHA-256 of the bytes plus an extension fixed by the content type,
 * so storing the same bytes twice gives the same key, a stored file never changes, and a key can
 * name nothing but a file in the store (it is checked against one pattern before any path is made).
 * Today's implementation is a local folder; an S3-compatible store can take its place (the key is
 * the object key, the content type its metadata) for several machines.
 */
export interface Storage {
  /** Stores the bytes; resolves only once they are durably on disk. */
  put(bytes: Uint8Array, opts: { contentType: StoredContentType }): Promise<StoredRef>;
  /** Opens a stored file for streaming; `not_found` if there is none under the key. */
  get(key: string): Promise<StoredObject>;
  /** The whole file in memory (small files: thumbnails, generated documents). */
  read(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
}

export interface StoredRef {
  key: string;
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
}

export interface StoredObject {
  key: string;
  contentType: StoredContentType;
  size: number;
  body: Readable;
}

/** What the store takes, and the extension each gets in its key. */
export const STORED_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/octet-stream': 'bin',
} as const;
export type StoredContentType = keyof typeof STORED_TYPES;

const TYPE_OF_EXT = new Map<string, StoredContentType>(Object.entries(STORED_TYPES).map(([t, e]) => [e, t as StoredContentType]));
const KEY = /^([0-9a-f]{64})\.([a-z]{3,4})$/;

/** The parts of a well-formed key, or null: the only way a key becomes a path. */
export function parseKey(key: unknown): { hash: string; contentType: StoredContentType } | null {
  if (typeof key !== 'string') return null;
  const m = KEY.exec(key);
  const contentType = m ? TYPE_OF_EXT.get(m[2]) : undefined;
  return m && contentType ? { hash: m[1], contentType } : null;
}

function keyOf(bytes: Uint8Array, contentType: StoredContentType): { key: string; sha256: string } {
  const ext = STORED_TYPES[contentType];
  if (!ext) throw new AppError('bad_request', `不支持保存此类文件（${String(contentType)}）`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { key: `${sha256}.${ext}`, sha256 };
}

const invalidKey = () => new AppError('not_found', '文件不存在：文件标识无效');
const missing = () => new AppError('not_found', '文件不存在或已被删除');

/** Where the local store lives: `DATA_DIR/files`, on PostgreSQL too (see docs/architecture.md). */
export function storageRoot(config: { dataDir: string }): string {
  if (config.dataDir.startsWith('memory://')) throw new Error('内存数据库没有数据目录，请为文件存储指定目录');
  return path.resolve(config.dataDir, 'files');
}

/** Temporary files older than this were left by a process that died while writing. */
const STALE_TEMP_MS = 3600_000;
const TEMP_DIR = 'tmp';

async function fsyncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

async function removeStaleTemps(tmp: string, now: number): Promise<void> {
  for (const name of await readdir(tmp)) {
    const p = path.join(tmp, name);
    try {
      if (now - (await stat(p)).mtimeMs > STALE_TEMP_MS) await unlink(p);
    } catch {
      // Gone meanwhile (another process on a shared folder cleaned it).
    }
  }
}

/**
 * The store in a local folder: `root/ab/cd/<key>` (two levels of 256 subfolders from the hash, so
 * no folder holds more than a few hundred files at city scale). A file is written under `root/tmp`,
 * flushed to disk, then renamed into place and its folder flushed: a key that was returned names a
 * whole file even if the process is killed or the power fails right after, and an interrupted
 * write leaves only a temporary file, removed at the next start once it is an hour old.
 */
export async function openLocalStorage(root: string): Promise<Storage> {
  const abs = path.resolve(root);
  const tmp = path.join(abs, TEMP_DIR);
  await mkdir(tmp, { recursive: true });
  await removeStaleTemps(tmp, Date.now());

  const pathOf = (hash: string, key: string) => path.join(abs, hash.slice(0, 2), hash.slice(2, 4), key);

  async function ensureDir(dir: string): Promise<void> {
    const first = await mkdir(dir, { recursive: true });
    if (first === undefined) return;
    // New folders must be on disk too, or a flushed file could vanish with its folder's entry.
    for (let d = dir; d.length >= first.length; d = path.dirname(d)) await fsyncDir(path.dirname(d));
  }

  async function put(bytes: Uint8Array, opts: { contentType: StoredContentType }): Promise<StoredRef> {
    const { key, sha256 } = keyOf(bytes, opts.contentType);
    const target = pathOf(sha256, key);
    const ref = { key, bytes: bytes.byteLength, sha256 };
    // Same key, same bytes: a file already in place was flushed before it was renamed there.
    const existing = await stat(target).catch(() => null);
    if (existing?.size === bytes.byteLength) return ref;
    await ensureDir(path.dirname(target));
    const temp = path.join(tmp, `${randomUUID()}.part`);
    try {
      const h = await open(temp, 'wx', 0o640);
      try {
        await h.writeFile(bytes);
        await h.sync();
      } finally {
        await h.close();
      }
      await rename(temp, target);
    } catch (e) {
      await unlink(temp).catch(() => {});
      throw e;
    }
    await fsyncDir(path.dirname(target));
    return ref;
  }

  function located(key: string): string {
    const k = parseKey(key);
    if (!k) throw invalidKey();
    return pathOf(k.hash, key);
  }

  return {
    put,
    async get(key) {
      const p = located(key);
      const contentType = parseKey(key)!.contentType;
      const h = await open(p, 'r').catch((e: NodeJS.ErrnoException) => {
        throw e.code === 'ENOENT' ? missing() : e;
      });
      try {
        const { size } = await h.stat();
        return { key, contentType, size, body: h.createReadStream() };
      } catch (e) {
        await h.close();
        throw e;
      }
    },
    async read(key) {
      return readFile(located(key)).catch((e: NodeJS.ErrnoException) => {
        throw e.code === 'ENOENT' ? missing() : e;
      });
    },
    async exists(key) {
      const k = parseKey(key);
      if (!k) return false;
      return (await stat(pathOf(k.hash, key)).catch(() => null))?.isFile() ?? false;
    },
  };
}
