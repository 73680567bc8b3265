import sharp from 'sharp';

export interface GpsPoint {
  /** Degrees as the camera wrote them (phones record WGS-84). */
  lat: number;
  lng: number;
}

const GPS_IFD_POINTER = 0x8825;
const TAG = { latRef: 1, lat: 2, lngRef: 3, lng: 4 } as const;
const RATIONAL = 5;
const ASCII = 2;

/**
 * The position in an EXIF block (a TIFF structure, with or without the leading "Exif\0\0"), or
 * null when there is none or it is malformed. Every offset is checked against the buffer: the
 * block comes from an uploaded file.
 */
export function gpsFromExif(exif: Uint8Array): GpsPoint | null {
  let buf = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  if (buf.subarray(0, 6).toString('latin1') === 'Exif\0\0') buf = buf.subarray(6);
  if (buf.length < 8) return null;
  const order = buf.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (o + 2 <= buf.length ? (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o)) : NaN);
  const u32 = (o: number) => (o + 4 <= buf.length ? (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o)) : NaN);
  if (u16(2) !== 42) return null;

  /** The entries of the IFD at `at`: tag → [type, count, value-or-offset field position]. */
  function entries(at: number): Map<number, { type: number; count: number; field: number }> | null {
    const n = u16(at);
    if (!Number.isFinite(n) || n > 1000 || at + 2 + n * 12 > buf.length) return null;
    const m = new Map<number, { type: number; count: number; field: number }>();
    for (let i = 0; i < n; i++) {
      const e = at + 2 + i * 12;
      m.set(u16(e), { type: u16(e + 2), count: u32(e + 4), field: e + 8 });
    }
    return m;
  }

  const ifd0 = entries(u32(4));
  const pointer = ifd0?.get(GPS_IFD_POINTER);
  if (!pointer) return null;
  const gps = entries(u32(pointer.field));
  if (!gps) return null;

  const ref = (tag: number) => {
    const e = gps.get(tag);
    return e && e.type === ASCII && e.count >= 1 ? String.fromCharCode(buf[e.field]) : null;
  };
  const degrees = (tag: number) => {
    const e = gps.get(tag);
    if (!e || e.type !== RATIONAL || e.count !== 3) return NaN;
    const at = u32(e.field);
    const part = (i: number) => u32(at + i * 8) / u32(at + i * 8 + 4);
    return part(0) + part(1) / 60 + part(2) / 3600;
  };

  const latRef = ref(TAG.latRef);
  const lngRef = ref(TAG.lngRef);
  let lat = degrees(TAG.lat);
  let lng = degrees(TAG.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || !latRef || !lngRef || !'NS'.includes(latRef) || !'EW'.includes(lngRef)) return null;
  if (latRef === 'S') lat = -lat;
  if (lngRef === 'W') lng = -lng;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  // 0,0 is what cameras write when they had no fix.
  if (lat === 0 && lng === 0) return null;
  return { lat: Math.round(lat * 1e7) / 1e7, lng: Math.round(lng * 1e7) / 1e7 };
}

/**
 * Where the photo says it was taken, read from the upload before it is re-encoded (the stored photo
 * keeps no metadata). Reads only the file's headers; null for anything that is not an image with a
 * valid EXIF position. The caller decides whether to trust it (a camera's fix can be old or off).
 */
export async function readGps(bytes: Uint8Array): Promise<GpsPoint | null> {
  try {
    const { exif } = await sharp(bytes).metadata();
    return exif ? gpsFromExif(exif) : null;
  } catch {
    return null;
  }
}
