import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConcurrencyGate } from './concurrency-gate';
import { gpsFromExif } from './photo-gps';
import { createPhotos, PHOTO_LIMITS, readGps, sniffPhoto, type Photos } from './photos';
import { openLocalStorage, type Storage } from './storage';

let root: string;
let storage: Storage;
let photos: Photos;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'wangge-photos-'));
  storage = await openLocalStorage(root);
  photos = createPhotos({ storage });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// 黑河市 爱辉区: 50°14′30″N 127°29′45″E.
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '50/1 14/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '127/1 29/1 4500/100' };

/** A phone photo as stored by the camera: landscape pixels, left red and right blue, to be shown turned a quarter clockwise. */
async function phoneJpeg(width = 3000, height = 2000): Promise<Buffer> {
  const blue = await sharp({ create: { width: width / 2, height, channels: 3, background: '#0000ff' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } })
    .composite([{ input: blue, left: width / 2, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'HeiheCam', Model: 'X1', Software: 'camera 1.0' }, IFD3: GPS })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>张三</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function pixel(img: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(img).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + info.channels)];
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid black-and-white PNG of the given size: 1 bit a pixel, all zero, deflated to almost nothing. */
function bombPng(width: number, height: number, withPixels: boolean): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = withPixels ? deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * height), { level: 9 }) : deflateSync(Buffer.alloc(1));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

describe('photos', () => {
  it('turns a phone photo upright, fits it into 1920 px and keeps no metadata at all', async () => {
    const original = await phoneJpeg();
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif && gpsFromExif(before.exif)).toBeTruthy();
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const p = await photos.store(original);
    expect(p).toMatchObject({ width: 1280, height: 1920, thumbWidth: 213, thumbHeight: 320, sourceFormat: 'jpeg' });
    const out = await storage.read(p.key);
    expect(out.length).toBe(p.bytes);
    const m = await sharp(out).metadata();
    expect(m).toMatchObject({ format: 'jpeg', width: 1280, height: 1920, space: 'srgb', channels: 3, hasProfile: false });
    expect(m.orientation).toBeUndefined();
    expect(m.exif).toBeUndefined();
    expect(m.xmp).toBeUndefined();
    expect(m.icc).toBeUndefined();
    expect(m.iptc).toBeUndefined();
    // Not hidden elsewhere in the file either.
    const text = out.toString('latin1');
    for (const marker of ['Exif', 'HeiheCam', 'xmpmeta', 'ICC_PROFILE', 'GPS']) expect(text).not.toContain(marker);
    expect(await readGps(out)).toBeNull();
    // Turned a quarter clockwise: the stored left (red) is now on top, the right (blue) below.
    const [r1, , b1] = await pixel(out, 640, 100);
    const [r2, , b2] = await pixel(out, 640, 1800);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);

    const thumb = await sharp(await storage.read(p.thumbKey)).metadata();
    expect(thumb).toMatchObject({ format: 'jpeg', width: 213, height: 320 });
    expect(thumb.exif).toBeUndefined();
  });

  it('reads the position before it is stripped, for the caller to keep as data', async () => {
    expect(await readGps(await phoneJpeg(400, 200))).toEqual({ lat: 50.2416667, lng: 127.4958333 });
    const noGps = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect(await readGps(noGps)).toBeNull();
    expect(await readGps(Buffer.from('%PDF-1.4'))).toBeNull();
    // Southern and western positions, and a camera without a fix (0,0).
    const sw = await sharp(noGps).withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 52/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '151/1 12/1 0/1' } }).jpeg().toBuffer();
    expect(await readGps(sw)).toEqual({ lat: -33.8666667, lng: -151.2 });
    const zero = await sharp(noGps).withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' } }).jpeg().toBuffer();
    expect(await readGps(zero)).toBeNull();
    // Garbage where EXIF should be is no position, not an exception.
    expect(gpsFromExif(Buffer.from('Exif\0\0MM\0*\0\0\0\x08\xff\xff'))).toBeNull();
    expect(gpsFromExif(Buffer.alloc(3))).toBeNull();
  });

  it('flattens a transparent PNG onto white and keeps a small image at its size', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0 } } })
      .composite([{ input: await sharp({ create: { width: 100, height: 100, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 1 } } }).png().toBuffer(), left: 100, top: 0 }])
      .png()
      .toBuffer();
    const p = await photos.store(png);
    expect(p).toMatchObject({ width: 200, height: 100, thumbWidth: 200, thumbHeight: 100, sourceFormat: 'png' });
    const out = await storage.read(p.key);
    expect((await sharp(out).metadata()).hasAlpha).toBe(false);
    const [r, g, b] = await pixel(out, 20, 50);
    expect(Math.min(r, g, b)).toBeGreaterThan(245);
    const [r2, g2] = await pixel(out, 180, 50);
    expect(r2).toBeLessThan(30);
    expect(g2).toBeGreaterThan(100);

    const tiny = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#123456' } }).webp().toBuffer();
    expect(await photos.store(tiny)).toMatchObject({ width: 16, height: 12, thumbWidth: 16, thumbHeight: 12, sourceFormat: 'webp' });
    const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#654321' } }).avif().toBuffer();
    expect(await photos.store(avif)).toMatchObject({ width: 64, height: 48, sourceFormat: 'avif' });
  });

  it('refuses what is not a photo, by its content and not its name', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await expect(photos.store(pdf)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('PDF') });
    await expect(photos.store(Buffer.from('这不是照片，是一段文字。\n'))).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('不是可识别的照片') });
    await expect(photos.store(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).rejects.toMatchObject({ code: 'bad_request' });
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
    await expect(photos.store(gif)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(photos.store(Buffer.alloc(0))).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('空') });
    // JPEG's first bytes and then anything else.
    await expect(photos.store(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg '.repeat(50))]))).rejects.toMatchObject({ code: 'bad_request' });
    // An iPhone's HEIC (its ftyp box) gets advice rather than a bare no.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(100)]);
    expect(() => sniffPhoto(heic)).toThrow(/HEIC/);
    expect((await photos.store(pdf).catch((e) => e)).message).toMatch(/JPEG、PNG、WebP/);
  });

  it('refuses a truncated photo', async () => {
    const whole = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3080c0' } })
      .composite([{ input: Buffer.from('<svg width="1200" height="900"><circle cx="600" cy="450" r="300" fill="yellow"/></svg>') }])
      .jpeg()
      .toBuffer();
    await expect(photos.store(whole.subarray(0, Math.floor(whole.length * 0.6)))).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('不完整') });
    const png = await sharp(whole).png().toBuffer();
    await expect(photos.store(png.subarray(0, Math.floor(png.length * 0.6)))).rejects.toMatchObject({ code: 'bad_request' });
    // Cut inside the header: not even the size can be read.
    await expect(photos.store(whole.subarray(0, 40))).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses decompression bombs and oversized files before decoding them', async () => {
    const bomb = bombPng(10_000, 10_000, true);
    expect(bomb.length).toBeLessThan(50_000);
    const t0 = performance.now();
    await expect(photos.store(bomb)).rejects.toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('10000×10000') });
    await expect(photos.store(bombPng(100_000, 100_000, false))).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(performance.now() - t0).toBeLessThan(2000);
    const huge = Buffer.alloc(PHOTO_LIMITS.maxBytes + 1);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    await expect(photos.store(huge)).rejects.toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('15 MB') });
  });

  it('runs at most two at once, queues a few and says the system is busy beyond that', async () => {
    const bounded = createPhotos({ storage, maxActive: 2, maxQueue: 2 });
    const img = await phoneJpeg(1600, 1200);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => bounded.store(img)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => [r.reason.code, r.reason.message])).toEqual(Array(2).fill(['rate_limited', '正在处理的照片过多，系统正忙，请稍后再试']));
    expect(bounded.stats()).toEqual({ active: 0, waiting: 0, peak: 2, refused: 2 });
  });

  it('hands a freed slot to the next in line, so a newcomer cannot exceed the bound', async () => {
    const gate = createConcurrencyGate({ maxActive: 1, maxQueue: 5, busyMessage: '忙' });
    let running = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    const first = gate.run(task);
    const second = gate.run(task);
    await first;
    // The first just released its slot to the second; a newcomer now must wait.
    const third = gate.run(task);
    await Promise.all([second, third]);
    expect(most).toBe(1);
    expect(gate.stats().peak).toBe(1);
  });
});
