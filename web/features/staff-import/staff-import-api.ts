import type { StaffRole } from '../../../common/domain/staff';
import { ApiError, api, withQuery } from '../../api/client';

export interface ImportProblem {
  row: number;
  name: string | null;
  messages: string[];
}
export interface ImportJob {
  id: string;
  status: 'checking' | 'checked' | 'importing' | 'done' | 'failed';
  statusLabel: string;
  fileName: string;
  rows: number;
  processed: number;
  errors: number;
  phase: string | null;
  phaseLabel: string | null;
  percent: number;
  canImport: boolean;
  report: {
    problems: ImportProblem[];
    summary?: { rows: number; persons: number; assignments: number; byRole: Partial<Record<StaffRole, number>>; ignoredColumns: string[]; sampleRows: number };
    message?: string;
    imported?: { persons: number; assignments: number };
    expired?: string;
  } | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The largest file the server takes (checked here first, so a too-big file is not sent at all). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const isRunning = (j: ImportJob | undefined) => j?.status === 'checking' || j?.status === 'importing';

export function uploadStaffFile(file: File): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<ImportJob>('/api/staff/imports', form);
}
export const importJob = (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/api/staff/imports/${encodeURIComponent(id)}`, undefined, signal);
export const commitImport = (id: string) => api.post<ImportJob>(`/api/staff/imports/${encodeURIComponent(id)}/commit`);

type Query = Record<string, string | number | undefined | null>;

/** The file name the server gave (Content-Disposition filename*), or the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  return m ? decodeURIComponent(m[1]) : fallback;
}

/** Downloads a spreadsheet the server builds (template, export) and saves it, or throws the server's Chinese error. */
export async function downloadXlsx(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? `下载失败（HTTP ${res.status}）`);
  }
  const name = fileNameOf(res, fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
