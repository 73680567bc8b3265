import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Filing } from '../../../common/schemas/grids';
import { api } from '../../api/client';

export type FilingStatusFilter = 'pending' | 'acknowledged' | 'all';

export function useFilings(status: FilingStatusFilter, enabled = true) {
  return useQuery({
    queryKey: ['filings', status],
    queryFn: () => api.get<{ items: Filing[]; pendingCount: number }>('/api/filings', { status }),
    enabled,
  });
}

/** Pending count for the menu badge; refreshed every minute. */
export function usePendingFilingCount(enabled: boolean) {
  const q = useQuery({
    queryKey: ['filings', 'pending'],
    queryFn: () => api.get<{ items: Filing[]; pendingCount: number }>('/api/filings', { status: 'pending' }),
    enabled,
    refetchInterval: 60_000,
  });
  return q.data?.pendingCount ?? 0;
}

export function useAcknowledgeFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api.post<{ filing: Filing }>(`/api/filings/${encodeURIComponent(id)}/acknowledge`, note ? { note } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['filings'] }),
  });
}
