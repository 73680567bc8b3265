import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Feature, Geometry } from 'geojson';
import { specialUnitLabels } from '../../../common/i18n/zh-CN';
import type { Division, DivisionNode } from '../../../common/schemas/territory';
import { api } from '../../api/client';

export const ROOT_CODE = '231100000000';
export type DivisionHit = Division & { pathName: string };

export const divisionNodeQuery = (code: string) => ({
  queryKey: ['divisions', 'node', code],
  queryFn: () => api.get<DivisionNode>(`/api/divisions/${encodeURIComponent(code)}`),
  staleTime: 5 * 60_000,
});

export function useDivisionNode(code: string | undefined) {
  return useQuery({ ...divisionNodeQuery(code ?? ''), enabled: !!code });
}

export function fetchDivisionNode(qc: QueryClient, code: string) {
  return qc.fetchQuery(divisionNodeQuery(code));
}

export function useDivisionSearch(q: string, limit = 20) {
  const term = q.trim();
  return useQuery({
    queryKey: ['divisions', 'search', term, limit],
    queryFn: ({ signal }) => api.get<{ items: DivisionHit[] }>('/api/divisions', { q: term, limit }, signal),
    enabled: term.length > 0,
    staleTime: 60_000,
  });
}

export function useDivisionBoundary(code: string | undefined) {
  return useQuery({
    queryKey: ['divisions', 'boundary', code],
    queryFn: () => api.get<Feature<Geometry | null>>(`/api/divisions/${encodeURIComponent(code!)}/boundary`),
    enabled: !!code,
    staleTime: Infinity,
  });
}

/** Farms, forest farms, the management area and other special units get a tag in the tree. */
export function specialTag(d: Pick<Division, 'kind' | 'special'>): string | null {
  if (d.kind === 'management_area') return '特定管理区域';
  return d.special ? specialUnitLabels[d.special] : null;
}
