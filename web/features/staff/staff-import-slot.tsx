import { useSearchParams } from 'react-router';
import type { StaffRole } from '../../../common/domain/staff';
import { StaffExportButton } from '../staff-import/staff-export-button';
import { StaffImportButton } from '../staff-import/staff-import-button';

/**
 * The Excel import (导入) and export (导出) of the staff list, next to 任命人员; the components live in
 * web/features/staff-import/. The export takes the list's own filters from the address.
 */
export function StaffImportSlot({ within }: { within?: string }) {
  const [params] = useSearchParams();
  const role = (params.get('role') as StaffRole | null) ?? undefined;
  const status = (params.get('status') as 'active' | 'exited' | 'all' | null) ?? undefined;
  const q = params.get('q') ?? undefined;
  return (
    <>
      <StaffImportButton />
      <StaffExportButton query={{ within, role, status, q }} />
    </>
  );
}
