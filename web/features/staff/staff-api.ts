import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffRole } from '../../../common/domain/staff';
import { api } from '../../api/client';
import type {
  Assessment,
  CertificationRecord,
  Course,
  CourseDetail,
  GridServing,
  Organisation,
  PersonalField,
  Staff,
  StaffDetail,
  StaffingGaps,
  StaffingSettings,
} from './staff-types';

export interface StaffListQuery {
  within?: string;
  role?: StaffRole;
  status?: 'active' | 'exited' | 'all';
  q?: string;
  limit?: number;
  offset?: number;
}

export function useStaffList(q: StaffListQuery, enabled = true) {
  return useQuery({
    queryKey: ['staff', 'list', q],
    queryFn: ({ signal }) => api.get<{ items: Staff[]; total: number }>('/api/staff', { ...q }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useStaffDetail(id: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'detail', id],
    queryFn: () => api.get<StaffDetail>(`/api/staff/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useCertification(id: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'certification', id],
    queryFn: () => api.get<CertificationRecord>(`/api/staff/${encodeURIComponent(id!)}/certification`),
    enabled: !!id,
  });
}

export function useGridStaff(code: string | undefined, on?: string) {
  return useQuery({
    queryKey: ['staff', 'grid', code, on ?? 'today'],
    queryFn: () => api.get<GridServing>(`/api/grids/${encodeURIComponent(code!)}/staff`, { on }),
    enabled: !!code,
    placeholderData: keepPreviousData,
  });
}

/** Personal fields in full: fetched on demand, kept only in the caller's state (never in the query cache). */
export function unmaskStaff(id: string, fields: PersonalField[], reason: string) {
  return api.post<{ values: Partial<Record<PersonalField, string | null>> }>(`/api/staff/${encodeURIComponent(id)}/unmask`, { fields, reason });
}

/** A mutation that refreshes every staff view (lists, details, grids, gaps, courses, assessments) when it succeeds. */
export function useStaffMutation<I, O = unknown>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const k of ['staff', 'staffing', 'training', 'assessments']) void qc.invalidateQueries({ queryKey: [k] });
    },
  });
}

export interface AssignmentSpec {
  gridCode: string;
  role: StaffRole;
  background?: string | null;
  sourceOrgCode?: string | null;
}
export interface DecisionInput {
  effectiveOn: string;
  reason: string;
  decidingBody: string;
}

export const staffApi = {
  appoint: (body: { staffId?: string; person?: Record<string, unknown>; assignments: AssignmentSpec[] } & DecisionInput) =>
    api.post<{ staffId: string; decisionId: string; summary: string }>('/api/staff/appointments', body),
  adjust: (id: string, body: { add: AssignmentSpec[]; end: { gridCode: string; role: StaffRole }[] } & DecisionInput) =>
    api.post<{ staffId: string; summary: string }>(`/api/staff/${encodeURIComponent(id)}/adjustments`, body),
  exit: (id: string, body: DecisionInput) => api.post<{ staffId: string; summary: string }>(`/api/staff/${encodeURIComponent(id)}/exit`, body),
  records: (id: string, body: Record<string, unknown>) => api.post<void>(`/api/staff/${encodeURIComponent(id)}/records`, body),
  leave: (id: string, body: Record<string, unknown>) => api.post<{ id: string }>(`/api/staff/${encodeURIComponent(id)}/leave`, body),
  linkAccount: (id: string, username: string) => api.post<void>(`/api/staff/${encodeURIComponent(id)}/account`, { username }),
  certificate: (certId: string, action: 'suspend' | 'reinstate' | 'revoke', reason: string) =>
    api.post<void>(`/api/certificates/${encodeURIComponent(certId)}/${action}`, { reason }),
  issueWorkId: (id: string) => api.post<{ id: string; ref: string }>(`/api/staff/${encodeURIComponent(id)}/work-ids`, {}),
  revokeWorkId: (workId: string, reason: string) => api.post<void>(`/api/work-ids/${encodeURIComponent(workId)}/revoke`, { reason }),
  createCourse: (body: Record<string, unknown>) => api.post<{ id: string }>('/api/training/courses', body),
  attendance: (courseId: string, records: { staffId: string; attended: boolean; passed: boolean; score?: number | null }[]) =>
    api.post<{ recorded: number; certificatesIssued: string[] }>(`/api/training/courses/${encodeURIComponent(courseId)}/attendance`, { records }),
  assess: (body: Record<string, unknown>) => api.post<{ id: string; grade: string; gradeLabel: string }>('/api/assessments', body),
  saveSettings: (county: string, body: Omit<StaffingSettings, 'countyCode' | 'countyName' | 'isDefault'>) =>
    api.put<StaffingSettings>(`/api/staffing/settings/${encodeURIComponent(county)}`, body),
};

export function useStaffingGaps(within: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['staffing', 'gaps', within ?? 'own'],
    queryFn: ({ signal }) => api.get<StaffingGaps>('/api/staffing/gaps', { within }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useStaffingSettings(county: string | undefined) {
  return useQuery({
    queryKey: ['staffing', 'settings', county],
    queryFn: () => api.get<StaffingSettings>(`/api/staffing/settings/${encodeURIComponent(county!)}`),
    enabled: !!county,
  });
}

export function useCourses(within?: string) {
  return useQuery({
    queryKey: ['training', 'courses', within ?? 'own'],
    queryFn: () => api.get<{ items: (Course & { enrolled: number; passed: number })[] }>('/api/training/courses', { within }),
  });
}

export function useCourse(id: string | undefined) {
  return useQuery({
    queryKey: ['training', 'course', id],
    queryFn: () => api.get<CourseDetail>(`/api/training/courses/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export interface AssessmentQuery {
  within?: string;
  kind?: 'daily' | 'annual';
  period?: string;
  staffId?: string;
}
export function useAssessments(q: AssessmentQuery, enabled = true) {
  return useQuery({
    queryKey: ['assessments', q],
    queryFn: () => api.get<{ items: Assessment[]; figuresNote: string }>('/api/assessments', { ...q }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useOrganisations(q: { within?: string; kind?: Organisation['kind'] }, enabled = true) {
  return useQuery({
    queryKey: ['organisations', q],
    queryFn: () => api.get<{ items: Organisation[] }>('/api/organisations', q),
    enabled,
    staleTime: 10 * 60_000,
  });
}
