import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Change, ChangeInput, ValidationReport } from '../../../common/schemas/grids';
import { api } from '../../api/client';

export type ChangeStatusFilter = 'proposed' | 'applied' | 'withdrawn' | 'all';

export function useChanges(status: ChangeStatusFilter) {
  return useQuery({
    queryKey: ['changes', 'list', status],
    queryFn: () => api.get<{ items: Change[] }>('/api/grid-changes', { status }),
  });
}

export function useChange(id: string | undefined) {
  return useQuery({
    queryKey: ['changes', 'one', id],
    queryFn: async () => (await api.get<{ change: Change }>(`/api/grid-changes/${encodeURIComponent(id!)}`)).change,
    enabled: !!id,
  });
}

export function useValidateChange() {
  return useMutation({ mutationFn: (input: ChangeInput) => api.post<ValidationReport>('/api/grid-changes/validate', input) });
}

/** A change alters grids, the tree counts, the filing inbox: refresh all of them. */
function refreshAfterChange(qc: QueryClient) {
  for (const key of ['changes', 'grids', 'divisions', 'filings']) qc.invalidateQueries({ queryKey: [key] });
}

export function useProposeChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeInput & { apply?: boolean }) => api.post<{ change: Change }>('/api/grid-changes', body),
    onSuccess: () => refreshAfterChange(qc),
  });
}

export function useChangeAction(action: 'apply' | 'withdraw') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ change: Change }>(`/api/grid-changes/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => refreshAfterChange(qc),
  });
}
