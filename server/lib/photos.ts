import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../common/app-error';
import { createConcurrencyGate } from './concurrency-gate';
import type { Storage } from './storage';

export { readGps, type GpsPoint } from './photo-gps';

// libvips' operation cache would keep recent uploads' decoded pixels in memory for nothing.
sharp.cache(false);

/**
 * Photos from grid workers' phones and residents' reports. Every upload is decoded and encoded
 * anew on the server: turned upright by its EXIF orientation, fitted into 1920 px, flattened onto
 * white, converted to sRGB and written as a JPEG without any metadata — no EXIF (so no position,
 * no camera serial, no time), no XMP, no ICC profile (sRGB is what an untagged JPEG means), no
 * embedded preview. A 320 px thumbnail is made from the result. Whatever the file claimed, only
 * the decoded pixels get through, so a crafted file can't carry a script or another format along.
 */
export interface StoredPhoto {
  key: string;
  thumbKey: string;
  width: number;
  height: number;
  /** Size of the stored JPEG in bytes. */
  bytes: number;
  /** SHA-256 of the stored JPEG, hex. */
  sha256: string;
  thumbWidth: number;
  thumbHeight: number;
  /** What was uploaded. */
  sourceFormat: PhotoFormat;
}

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export interface Photos {
  /** Re-encodes and stores one uploaded photo. A report's photos go one after another (await each). */
  store(bytes: Uint8Array): Promise<StoredPhoto>;
  stats(): { active: number; waiting: number; peak: number; refused: number };
}

const MB = 1024 * 1024;
export const PHOTO_LIMITS = {
  maxBytes: 15 * MB,
  maxPixels: 40_000_000,
  longSide: 1920,
  thumbLongSide: 320,
  quality: 82,
  thumbQuality: 72,
} as const;

const ACCEPTED = 'JPEG、PNG、WebP 或 AVIF';

/** The format by the file's first bytes (its name and declared type are not trusted). */
export function sniffPhoto(b: Uint8Array): PhotoFormat {
  const ascii = (from: number, to: number) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to);
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp') {
    const size = Math.min(b.length, (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3], 64);
    const brands = [ascii(8, 12), ...Array.from({ length: Math.max(0, (size - 16) / 4) }, (_, i) => ascii(16 + i * 4, 20 + i * 4))];
    if (brands.some((x) => x === 'avif' || x === 'avis')) return 'avif';
    if (brands.some((x) => /^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(x))) {
      throw new AppError('bad_request', '暂不支持 HEIC 格式的照片（苹果手机的默认格式）：请通过手机浏览器选择照片上传（会自动转为 JPEG），或在相机设置的「格式」中选择「兼容性最佳」');
    }
  }
  if (ascii(0, 5) === '%PDF-') throw new AppError('bad_request', `这是 PDF 文件，不是照片：请上传 ${ACCEPTED} 格式的照片`);
  throw new AppError('bad_request', `文件不是可识别的照片（与扩展名无关，按内容判断）：请上传 ${ACCEPTED} 格式的照片`);
}

function checkSize(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw new AppError('bad_request', '照片文件是空的，请重新选择');
  if (bytes.byteLength > PHOTO_LIMITS.maxBytes) {
    throw new AppError('payload_too_large', `照片超过 ${PHOTO_LIMITS.maxBytes / MB} MB 的上限，请压缩后或换一张上传`);
  }
}

const tooManyPixels = (w?: number, h?: number) =>
  new AppError('payload_too_large', `照片像素过多${w && h ? `（${w}×${h}）` : ''}，超过 ${PHOTO_LIMITS.maxPixels / 1e6} 百万像素的上限，请缩小后上传`);

/** What libvips said, as the user's problem. */
function decodeError(e: unknown): AppError {
  const msg = (e as Error)?.message ?? '';
  if (/pixel limit/i.test(msg)) return tooManyPixels();
  if (/premature end|truncated|unexpected end|not enough data|read error|out of data/i.test(msg)) {
    return new AppError('bad_request', '照片文件不完整（可能上传中断或文件已损坏），请重新上传');
  }
  return new AppError('bad_request', '照片无法解码（文件已损坏或不是有效的图片），请换一张上传');
}

const input = { failOn: 'error', limitInputPixels: PHOTO_LIMITS.maxPixels, autoOrient: true } as const;

export interface EncodedPhoto {
  main: { data: Buffer; width: number; height: number };
  thumb: { data: Buffer; width: number; height: number };
  sourceFormat: PhotoFormat;
}

/** Decodes, checks and re-encodes one upload (no storing, no concurrency bound: see createPhotos). */
export async function encodePhoto(bytes: Uint8Array): Promise<EncodedPhoto> {
  checkSize(bytes);
  const sourceFormat = sniffPhoto(bytes);
  let meta: Metadata;
  try {
    // Headers only, so no limit is needed here: the pixel count is checked below, with a message.
    meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch (e) {
    throw decodeError(e);
  }
  const decoded = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heic') : meta.format;
  if (decoded !== sourceFormat) throw new AppError('bad_request', `照片内容与其格式不符，无法解码：请上传 ${ACCEPTED} 格式的照片`);
  if (meta.width * meta.height > PHOTO_LIMITS.maxPixels) throw tooManyPixels(meta.width, meta.height);

  const fit = (side: number) => ({ width: side, height: side, fit: 'inside', withoutEnlargement: true }) as const;
  try {
    const main = await sharp(bytes, input)
      .resize(fit(PHOTO_LIMITS.longSide))
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: PHOTO_LIMITS.quality, progressive: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(main.data)
      .resize(fit(PHOTO_LIMITS.thumbLongSide))
      .jpeg({ quality: PHOTO_LIMITS.thumbQuality })
      .toBuffer({ resolveWithObject: true });
    return {
      main: { data: main.data, width: main.info.width, height: main.info.height },
      thumb: { data: thumb.data, width: thumb.info.width, height: thumb.info.height },
      sourceFormat,
    };
  } catch (e) {
    throw decodeError(e);
  }
}

/**
 * The photo service of one process. libvips does the work on its own threads, so the event loop
 * stays free; the bound (two at once, a short queue, then 系统正忙) keeps memory in check (a 40 MP
 * image decodes to 120 MB) and leaves the rest of the thread pool to the database and files.
 */
export function createPhotos(opts: { storage: Storage; maxActive?: number; maxQueue?: number }): Photos {
  const gate = createConcurrencyGate({
    maxActive: opts.maxActive ?? 2,
    maxQueue: opts.maxQueue ?? 16,
    busyMessage: '正在处理的照片过多，系统正忙，请稍后再试',
  });
  return {
    async store(bytes) {
      // Cheap refusals first, before waiting for a slot.
      checkSize(bytes);
      sniffPhoto(bytes);
      const enc = await gate.run(() => encodePhoto(bytes));
      const main = await opts.storage.put(enc.main.data, { contentType: 'image/jpeg' });
      const thumb = await opts.storage.put(enc.thumb.data, { contentType: 'image/jpeg' });
      return {
        key: main.key,
        thumbKey: thumb.key,
        width: enc.main.width,
        height: enc.main.height,
        bytes: main.bytes,
        sha256: main.sha256,
        thumbWidth: enc.thumb.width,
        thumbHeight: enc.thumb.height,
        sourceFormat: enc.sourceFormat,
      };
    },
    stats: () => gate.stats(),
  };
}
