import { makeIdNumber } from '../../common/domain/id-number';
import type { Database } from '../../server/db/client';
import { staffWorkbook, type StaffCells } from '../support/xlsx';

const KINDS = ['专职网格员', '兼职网格员', '网格长', '专业网格员'] as const;

/**
 * A county centre's spreadsheet of `n` new people (valid ID numbers none of the demo's staff
 * has), one appointment each over the county's real demo grids, the four usual kinds in turn.
 */
export async function staffImportFile(db: Database, county: string, gridCodes: string[], n: number): Promise<Buffer> {
  const taken = new Set((await db.selectFrom('staff').select('id_number').execute()).map((r) => r.id_number));
  const rows: StaffCells[] = [];
  for (let k = 0; rows.length < n; k++) {
    const birth = new Date(Date.UTC(1962, 0, 1) + Math.floor(k / 400) * 86_400_000).toISOString().slice(0, 10);
    const idNumber = makeIdNumber(county.slice(0, 6), birth, 100 + (k % 400) * 2 + 1);
    if (taken.has(idNumber)) continue;
    const i = rows.length;
    const kind = KINDS[i % KINDS.length];
    rows.push({
      name: `基准${String(i).padStart(4, '0')}`,
      idNumber,
      phone: `139${String(40_000_000 + i)}`,
      kind,
      gridCodes: gridCodes[i % gridCodes.length],
      background: kind === '兼职网格员' ? '志愿者' : kind === '网格长' ? '居（村）民委员会成员' : null,
      sourceOrgCode: kind === '专业网格员' ? `${county}-ga` : null,
      effectiveOn: '2026-03-01',
      contractStart: kind === '专职网格员' ? '2026-03-01' : null,
      contractEnd: kind === '专职网格员' ? '2029-02-28' : null,
      homeAddress: `黑河市某小区${(i % 30) + 1}栋${(i % 6) + 1}单元${100 + (i % 20)}`,
      decidingBody: '网格化管理服务中心',
      reason: '基准测试：批量导入',
    });
  }
  return staffWorkbook(rows);
}

interface Job {
  id: string;
  status: string;
  errors: number;
  report: { problems: { row: number; messages: string[] }[]; message?: string } | null;
}

async function settle(base: string, cookie: string, id: string): Promise<Job> {
  for (;;) {
    const j = (await (await fetch(`${base}/api/staff/imports/${id}`, { headers: { cookie } })).json()) as Job;
    if (j.status !== 'checking' && j.status !== 'importing') return j;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Upload → dry run → import through the HTTP API of a running server, timed. */
export async function benchImport(base: string, cookie: string, file: Buffer): Promise<{ dryRunS: number; importS: number; status: string; problem?: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), '基准测试人员.xlsx');
  const t0 = performance.now();
  const up = await fetch(`${base}/api/staff/imports`, { method: 'POST', headers: { cookie }, body: form });
  if (up.status !== 202) return { dryRunS: 0, importS: 0, status: `上传 ${up.status}`, problem: await up.text() };
  const checked = await settle(base, cookie, ((await up.json()) as Job).id);
  const t1 = performance.now();
  const first = checked.report?.problems[0];
  if (checked.status !== 'checked' || checked.errors > 0) return { dryRunS: (t1 - t0) / 1000, importS: 0, status: checked.status, problem: first ? `第 ${first.row} 行：${first.messages.join('；')}` : checked.report?.message };
  const c = await fetch(`${base}/api/staff/imports/${checked.id}/commit`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
  if (c.status !== 202) return { dryRunS: (t1 - t0) / 1000, importS: 0, status: `导入 ${c.status}`, problem: await c.text() };
  const done = await settle(base, cookie, checked.id);
  return { dryRunS: (t1 - t0) / 1000, importS: (performance.now() - t1) / 1000, status: done.status, problem: done.report?.message };
}
