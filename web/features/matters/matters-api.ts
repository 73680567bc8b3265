import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Level, MatterState } from '../../../common/domain/matter-flow';
import type { ActInput, IntakeInput } from '../../../common/schemas/matters';
import { api } from '../../api/client';
import type { Organisation } from '../staff/staff-types';

/** A matter as the lists show it (server: presentSummary). */
export interface MatterSummary {
  id: string;
  number: string;
  source: string;
  typeCode: string;
  typeName: string;
  priority: 'normal' | 'urgent' | 'top';
  priorityLabel: string;
  description: string;
  state: MatterState;
  stateLabel: string;
  level: Level;
  levelLabel: string;
  handler: string | null;
  place: string;
  divisionCode: string;
  gridCode: string | null;
  lng: number | null;
  lat: number | null;
  step: string | null;
  deadlineAt: string | null;
  deadlineProvisional: boolean;
  mark: 'yellow' | 'red' | null;
  request: { kind: 'extension' | 'park' | 'void' } | null;
  reworks: number;
  reopens: number;
  rating: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface MatterEvent {
  seq: number;
  kind: string;
  kindLabel: string;
  fromState: string | null;
  toState: string;
  toStateLabel: string;
  level: string;
  levelLabel: string;
  actorKind: string;
  actor: string;
  actorUnit: string | null;
  at: string;
  reason: string | null;
  data: Record<string, unknown> | null;
  step: string | null;
  deadlineAt: string | null;
}

export interface MatterDetail {
  matter: MatterSummary & {
    address: string | null;
    locationNote: string | null;
    catalogueVersion: number;
    typePath: [string, string, string];
    needsVerification: boolean;
    needsFeedback: boolean;
    defaultSector: string;
    mergedInto: { id: string; number: string } | null;
  };
  reporter: { anonymous: boolean; name: string | null; phone: string | null };
  mayCallBack: boolean;
  actions: string[];
  timeline: MatterEvent[];
  photos: { id: string; eventSeq: number; width: number; height: number }[];
  duplicates: { id: string; number: string }[];
}

export interface Duplicate {
  id: string;
  number: string;
  typeName: string;
  description: string;
  state: MatterState;
  createdAt: string;
  distanceM: number;
}

export interface Refusal {
  id: string;
  worker: string;
  askedBy: string;
  description: string;
  reason: string;
  at: string;
  townshipName: string;
}

/** A department or service unit a matter can be dispatched to, as `/api/organisations` lists it. */
export type Unit = Organisation;

export interface MatterFilters {
  within?: string;
  mark?: 'yellow' | 'red';
  typeCode?: string;
  q?: string;
}
export interface ListQuery extends MatterFilters {
  state?: MatterState | 'open' | 'all';
  queue?: 'mine' | 'all';
  limit?: number;
  offset?: number;
}
export type StateCounts = Record<MatterState, number>;

export function useMatterList(q: ListQuery, enabled = true) {
  return useQuery({
    queryKey: ['matters', 'list', q],
    queryFn: ({ signal }) => api.get<{ items: MatterSummary[]; total: number }>('/api/matters', { ...q }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMatterCounts(f: MatterFilters) {
  return useQuery({
    queryKey: ['matters', 'counts', f],
    queryFn: ({ signal }) => api.get<{ byState: StateCounts; mineByState: StateCounts }>('/api/matters/counts', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMatter(id: string | undefined) {
  return useQuery({ queryKey: ['matters', 'detail', id], queryFn: () => api.get<MatterDetail>(`/api/matters/${id}`), enabled: !!id });
}

export function useDuplicates(p: { typeCode?: string; lng?: number | null; lat?: number | null }) {
  const ok = !!p.typeCode && p.lng != null && p.lat != null;
  return useQuery({
    queryKey: ['matters', 'duplicates', p],
    queryFn: () => api.get<{ items: Duplicate[] }>('/api/matters/duplicates', { typeCode: p.typeCode, lng: p.lng, lat: p.lat, crs: 'wgs84' }),
    enabled: ok,
  });
}

export function useRefusals(enabled: boolean) {
  return useQuery({ queryKey: ['matters', 'refusals'], queryFn: () => api.get<{ items: Refusal[] }>('/api/task-refusals'), enabled });
}

/** The units a matter of this county may be dispatched to: its departments and service units, and the city's. */
export function useDispatchUnits(divisionCode: string | undefined) {
  return useQuery({
    queryKey: ['matters', 'units', divisionCode],
    queryFn: async () => {
      const [d, s] = await Promise.all([
        api.get<{ items: Unit[] }>('/api/organisations', { within: divisionCode, kind: 'department' }),
        api.get<{ items: Unit[] }>('/api/organisations', { within: divisionCode, kind: 'service_unit' }),
      ]);
      return [...d.items, ...s.items];
    },
    enabled: !!divisionCode,
    staleTime: 10 * 60_000,
  });
}

/** The county of a division code (12 digits): 6 digits and zeros. */
export const countyOf = (code: string) => `${code.slice(0, 6)}000000`;
/** The unit the catalogue names for a type: the county's body of that sector. */
export const defaultUnitCode = (divisionCode: string, sector: string) => `${countyOf(divisionCode)}-${sector}`;

export const photoUrl = (matterId: string, photoId: string, size: 'thumb' | 'full') => `/api/matters/${matterId}/photos/${photoId}?size=${size}`;

export const mattersApi = {
  act: (id: string, body: ActInput) => api.post<MatterDetail>(`/api/matters/${id}/actions`, body),
  report: (body: Partial<IntakeInput>) => api.post<{ created: boolean; matter: MatterSummary; trackingCode: string }>('/api/matters', body),
  reporterPhone: (id: string, reason: string) => api.post<{ phone: string | null }>(`/api/matters/${id}/reporter-phone`, { reason }),
  uploadPhoto: (file: Blob, name = 'photo.jpg') => {
    const form = new FormData();
    form.append('photo', file, name);
    return api.upload<{ id: string; width: number; height: number; bytes: number }>('/api/matter-photos', form);
  },
  search: (q: string) => api.get<{ items: MatterSummary[]; total: number }>('/api/matters', { q, state: 'pending', limit: 10 }),
};

/** A matter action that refreshes every matters view when it succeeds. */
export function useMatterAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActInput) => mattersApi.act(id, body),
    onSuccess: (d) => {
      qc.setQueryData(['matters', 'detail', id], d);
      void qc.invalidateQueries({ queryKey: ['matters'] });
    },
  });
}
