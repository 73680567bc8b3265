/**
 * Excel 导出 — for the staff pages (web/features/staff/): pass the list's own filters and the
 * server builds the same list as a spreadsheet (same access checks, personal data masked as in the
 * list, formula-like cells neutralised). `<StaffExportButton query={{ within, role, status, q }} />`
 * on the staff list, `<AssessmentsExportButton query={{ within, kind, period }} />` on assessments.
 */
import { App, Button } from 'antd';
import { useState } from 'react';
import type { StaffRole } from '../../../common/domain/staff';
import { downloadXlsx } from './staff-import-api';

function ExportButton({ path, query, fallbackName, testId }: { path: string; query: Record<string, string | undefined>; fallbackName: string; testId: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      message.success(`已导出 ${await downloadXlsx(path, query, fallbackName)}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button onClick={run} loading={busy} data-testid={testId}>
      导出 Excel
    </Button>
  );
}

export function StaffExportButton({ query }: { query: { within?: string; role?: StaffRole; status?: 'active' | 'exited' | 'all'; q?: string } }) {
  return <ExportButton path="/api/staff/export.xlsx" query={query} fallbackName="网格人员.xlsx" testId="staff-export-button" />;
}

export function AssessmentsExportButton({ query }: { query: { within?: string; kind?: 'daily' | 'annual'; period?: string; staffId?: string } }) {
  return <ExportButton path="/api/assessments/export.xlsx" query={query} fallbackName="网格员考核.xlsx" testId="assessments-export-button" />;
}
