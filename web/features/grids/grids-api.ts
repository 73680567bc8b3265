import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GridDetail, GridSummary, LookupResult } from '../../../common/schemas/grids';
import { api } from '../../api/client';

export type GridFeatureCollection = FeatureCollection<Geometry | null, GridSummary>;
export type GridFeature = Feature<Geometry | null, GridSummary>;

export interface GridQuery {
  within?: string;
  status?: 'active' | 'retired' | 'all';
  level?: 'grid' | 'micro' | 'all';
  asOf?: string;
  bbox?: string;
  limit?: number;
  offset?: number;
}

export function useGridsGeo(q: GridQuery, enabled = true) {
  return useQuery({
    queryKey: ['grids', 'geo', q],
    queryFn: ({ signal }) => api.get<GridFeatureCollection>('/api/grids', { ...q, format: 'geojson' }, signal),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useGridList(q: GridQuery, enabled = true) {
  return useQuery({
    queryKey: ['grids', 'list', q],
    queryFn: ({ signal }) => api.get<{ items: GridSummary[]; total: number }>('/api/grids', { ...q, format: 'json' }, signal),
    enabled,
  });
}

export function useGridDetail(code: string | undefined) {
  return useQuery({
    queryKey: ['grids', 'detail', code],
    queryFn: () => api.get<GridDetail>(`/api/grids/${encodeURIComponent(code!)}`),
    enabled: !!code,
  });
}

export type Crs = 'wgs84' | 'cgcs2000' | 'gcj02';
export function lookupPoint(lng: number, lat: number, crs: Crs) {
  return api.get<LookupResult>('/api/grids/lookup', { lng, lat, crs });
}

export function useCounties() {
  return useQuery({
    queryKey: ['map', 'counties'],
    queryFn: () => api.get<FeatureCollection<Geometry | null, { code: string; name: string; kind: string }>>('/api/map/counties'),
    staleTime: Infinity,
  });
}
