import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LookupResult } from '../../../common/schemas/grids';
import type { ActInput, IntakeInput } from '../../../common/schemas/matters';
import { ApiError, api } from '../../api/client';
import type { Assignment } from '../staff/staff-types';

/** A matter as lists show it (server: presentSummary). */
export interface MatterSummary {
  id: string;
  number: string;
  typeCode: string;
  typeName: string;
  priority: 'normal' | 'urgent' | 'top';
  priorityLabel: string;
  description: string;
  state: 'pending' | 'dispatched' | 'handling' | 'verifying' | 'feedback' | 'closed' | 'parked' | 'voided';
  stateLabel: string;
  levelLabel: string;
  handler: string | null;
  place: string;
  gridCode: string | null;
  deadlineAt: string | null;
  mark: null | 'yellow' | 'red';
  createdAt: string;
  closedAt: string | null;
  /** In a grid worker's own list: whether they reported it. */
  reportedByMe?: boolean;
}

export interface MatterEvent {
  seq: number;
  kind: string;
  kindLabel: string;
  toStateLabel: string;
  levelLabel: string;
  actor: string;
  actorUnit: string | null;
  at: string;
  reason: string | null;
}

export interface MatterDetail {
  matter: MatterSummary & { address: string | null; locationNote: string | null; typePath: string[]; needsVerification: boolean; needsFeedback: boolean };
  reporter: { anonymous: boolean; name: string | null; phone: string | null };
  mayCallBack: boolean;
  actions: string[];
  timeline: MatterEvent[];
  photos: { id: string; eventSeq: number; width: number; height: number }[];
}

export interface Duplicate {
  id: string;
  number: string;
  typeName: string;
  description: string;
  state: string;
  createdAt: string;
  distanceM: number;
}

export interface IntakeResult {
  created: boolean;
  matter: MatterSummary;
  trackingCode: string;
}

/** Network failures and server errors are worth sending again; a 4xx is an answer. */
export const isRetryable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500);

const list = (query: Record<string, string>) => api.get<{ items: MatterSummary[]; total: number }>('/api/matters', { ...query, limit: 200 });

export function useMyQueue() {
  return useQuery({ queryKey: ['work', 'queue'], queryFn: () => list({ queue: 'mine', state: 'open' }) });
}
export function useMyMatters() {
  return useQuery({ queryKey: ['work', 'all'], queryFn: () => list({ state: 'all' }) });
}
export function useWorkMatter(id: string | undefined) {
  return useQuery({ queryKey: ['work', 'matter', id], queryFn: () => api.get<MatterDetail>(`/api/matters/${id}`), enabled: !!id });
}
export function useMyGrids() {
  return useQuery({
    queryKey: ['me', 'staff'],
    queryFn: () => api.get<{ name: string; assignments: Assignment[] }>('/api/me/staff'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
export function useGridLookup(point: { lng: number; lat: number } | null) {
  return useQuery({
    queryKey: ['work', 'lookup', point?.lng, point?.lat],
    queryFn: () => api.get<LookupResult>('/api/grids/lookup', { lng: point!.lng, lat: point!.lat, crs: 'wgs84' }),
    enabled: !!point,
    staleTime: Infinity,
  });
}
export function useDuplicates(typeCode: string | undefined, point: { lng: number; lat: number } | null) {
  return useQuery({
    queryKey: ['work', 'duplicates', typeCode, point?.lng, point?.lat],
    queryFn: () => api.get<{ items: Duplicate[] }>('/api/matters/duplicates', { typeCode, lng: point!.lng, lat: point!.lat, crs: 'wgs84' }),
    enabled: !!typeCode && !!point,
  });
}

export const submitReport = (body: IntakeInput) => api.post<IntakeResult>('/api/matters', body);

/** The worker's actions on a matter (verify, feed back); the answer is the detail again. */
export function useAct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActInput) => api.post<MatterDetail>(`/api/matters/${id}/actions`, body),
    onSuccess: (d) => {
      qc.setQueryData(['work', 'matter', id], d);
      void qc.invalidateQueries({ queryKey: ['work', 'queue'] });
      void qc.invalidateQueries({ queryKey: ['work', 'all'] });
    },
  });
}
export const reporterPhone = (id: string, reason: string) => api.post<{ phone: string | null }>(`/api/matters/${id}/reporter-phone`, { reason });
export const refuseTask = (body: { askedBy: string; description: string; reason: string }) => api.post<{ id: string }>('/api/task-refusals', body);

export const photoUrl = (matterId: string, photoId: string, size: 'thumb' | 'full' = 'thumb') => `/api/matters/${matterId}/photos/${photoId}?size=${size}`;

/**
 * One photo, uploaded on its own with progress (fetch has none): the caller retries a failed one
 * alone. Errors come back as ApiError, status 0 for the network, like the other calls.
 */
export function uploadPhoto(file: Blob, onProgress: (fraction: number) => void): { promise: Promise<{ id: string }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<{ id: string }>((resolve, reject) => {
    xhr.open('POST', '/api/matter-photos');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', '网络不通，照片未上传'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', '已取消'));
    xhr.onload = () => {
      let body: { id?: string; error?: { code?: string; message?: string } } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.id) resolve({ id: body.id });
      else reject(new ApiError(xhr.status, body?.error?.code ?? `http_${xhr.status}`, body?.error?.message ?? `照片上传失败（HTTP ${xhr.status}）`));
    };
    const form = new FormData();
    form.append('photo', file, 'photo.jpg');
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
