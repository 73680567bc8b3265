import { useCallback, useEffect, useState } from 'react';

/*
 * The report being written, kept in localStorage as it is typed: a reload, a closed tab or a dead
 * battery loses nothing. The clientKey is made once per draft, so a report sent again after a lost
 * answer is recognised by the server as the same one.
 */

export interface DraftPhoto {
  /** The upload's id on the server (POST /api/matter-photos). */
  id: string;
  /** A small JPEG data URL made on the phone, so the thumbnail survives a reload too. */
  thumb: string;
}

export interface DraftLocation {
  lng: number;
  lat: number;
  /** The phone's GPS (the default, also for drafts kept from before), or a point tapped on the map. */
  source?: 'gps' | 'map';
  accuracyM?: number;
}

export interface Draft {
  clientKey: string;
  type: { code: string; name: string; path: string[] } | null;
  description: string;
  photos: DraftPhoto[];
  location: DraftLocation | null;
  /** Chosen instead of a point (GPS refused or unavailable): one of my grids. */
  gridCode: string | null;
  address: string;
  resolvedOnSpot: boolean;
  result: string;
  /** Submitted but not yet acknowledged: sent again after a reload or when the network returns. */
  outbox: boolean;
}

/** One draft per account: a phone passed to a colleague does not hand over one's report. */
const keyOf = (userId: string) => `wangge.work.report-draft.${userId}`;

export function newClientKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function emptyDraft(): Draft {
  return { clientKey: newClientKey(), type: null, description: '', photos: [], location: null, gridCode: null, address: '', resolvedOnSpot: false, result: '', outbox: false };
}

function load(key: string): Draft {
  try {
    const raw = localStorage.getItem(key);
    if (raw) {
      const d = JSON.parse(raw) as Partial<Draft>;
      if (typeof d.clientKey === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(d.clientKey)) return { ...emptyDraft(), ...d, clientKey: d.clientKey };
    }
  } catch {
    // an unreadable draft is started afresh
  }
  return emptyDraft();
}

/** Whether the draft holds anything worth keeping. */
export const hasContent = (d: Draft) => !!(d.type || d.description.trim() || d.photos.length || d.result.trim() || d.address.trim());

export function useDraft(userId: string) {
  const key = keyOf(userId);
  const [draft, setDraft] = useState<Draft>(() => load(key));
  useEffect(() => {
    try {
      localStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // storage full or disabled: the form still works, only without the safety net
    }
  }, [key, draft]);
  const update = useCallback((patch: Partial<Draft> | ((d: Draft) => Partial<Draft>)) => setDraft((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) })), []);
  const clear = useCallback(() => setDraft(emptyDraft()), []);
  return { draft, update, clear };
}

/** A thumbnail small enough for localStorage (≈ 5 KB): the longest side 160 px. */
export async function thumbnailOf(file: Blob): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = Math.min(1, 160 / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch {
    return '';
  } finally {
    URL.revokeObjectURL(url);
  }
}
