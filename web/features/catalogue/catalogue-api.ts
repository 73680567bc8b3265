import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogueDiff, CatalogueType, CatalogueVersion, NewType, TypePatch } from '../../../common/schemas/catalogue';
import { api } from '../../api/client';

export interface CatalogueOverview {
  county: { code: string; name: string };
  published: CatalogueVersion | null;
  open: CatalogueVersion | null;
  versions: CatalogueVersion[];
}

export function useCatalogueCounties() {
  return useQuery({ queryKey: ['catalogue', 'counties'], queryFn: () => api.get<{ items: { code: string; name: string }[] }>('/api/catalogue/counties'), staleTime: 3600_000 });
}
export function useCatalogueOverview(county: string | undefined) {
  return useQuery({ queryKey: ['catalogue', 'overview', county], queryFn: () => api.get<CatalogueOverview>(`/api/catalogue/${county}`), enabled: !!county });
}
export function useCatalogueVersion(id: string | undefined) {
  return useQuery({ queryKey: ['catalogue', 'version', id], queryFn: () => api.get<{ version: CatalogueVersion; types: CatalogueType[] }>(`/api/catalogue/versions/${id}`), enabled: !!id });
}
export function useCatalogueDiff(id: string | undefined, enabled = true) {
  return useQuery({ queryKey: ['catalogue', 'diff', id], queryFn: () => api.get<CatalogueDiff>(`/api/catalogue/versions/${id}/diff`), enabled: !!id && enabled });
}
/** The intake's type-ahead: by name, pinyin initials or code. */
export function useTypeSearch(county: string | undefined, q: string) {
  return useQuery({
    queryKey: ['catalogue', 'search', county, q],
    queryFn: ({ signal }) => api.get<{ items: CatalogueType[] }>(`/api/catalogue/${county}/types`, { q, limit: 300 }, signal),
    enabled: !!county && q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

export const catalogueApi = {
  createDraft: (county: string, note?: string) => api.post<CatalogueVersion>(`/api/catalogue/${county}/drafts`, note ? { note } : {}),
  addType: (id: string, t: NewType) => api.post<CatalogueType>(`/api/catalogue/versions/${id}/types`, t),
  updateType: (id: string, code: string, p: TypePatch) => api.put<CatalogueType>(`/api/catalogue/versions/${id}/types/${code}`, p),
  removeType: (id: string, code: string) => api.del<void>(`/api/catalogue/versions/${id}/types/${code}`),
  submit: (id: string, note?: string) => api.post<CatalogueVersion>(`/api/catalogue/versions/${id}/submit`, note ? { note } : {}),
  recall: (id: string) => api.post<CatalogueVersion>(`/api/catalogue/versions/${id}/recall`),
  discard: (id: string) => api.post<CatalogueVersion>(`/api/catalogue/versions/${id}/discard`),
  refuse: (id: string, reason: string) => api.post<CatalogueVersion>(`/api/catalogue/versions/${id}/refuse`, { reason }),
  approve: (id: string, reference?: string) => api.post<CatalogueVersion>(`/api/catalogue/versions/${id}/approve`, reference ? { reference } : {}),
  publish: (id: string) => api.post<CatalogueVersion>(`/api/catalogue/versions/${id}/publish`),
};

/** A mutation that refreshes every catalogue view when it succeeds. */
export function useCatalogueMutation<I, O = unknown>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['catalogue'] }) });
}
