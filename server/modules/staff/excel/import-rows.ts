import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../../../common/app-error';
import type { StaffRole } from '../../../../common/domain/staff';
import type { Database } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Actor } from '../../access/actor';
import type { DivisionTree } from '../../territory/division-tree';
import { createAppointer } from '../appointment';
import { ImportStore } from './import-store';
import { appointInputOf, gridCodesOf, idKey, personMismatch } from './row-input';
import type { SheetRow } from './sheet-reader';

export interface RowProblem {
  row: number;
  name: string | null;
  messages: string[];
}

function messagesOf(e: AppError): string[] {
  return e.details.length ? e.details.map((d) => d.message) : [e.message];
}

/**
 * Puts every row of a file through the API's appointment code (appointment.ts) against one
 * ImportStore, in file order, yielding to the event loop every `chunk` rows. The first row of an
 * ID number registers the person; later rows with the same number and name appoint them again.
 * The dry run passes the database, the import its transaction; both then see the same problems.
 */
export function createRowRunner({ clock, tree, chunk }: { clock: Clock; tree: DivisionTree; chunk: number }) {
  const appointer = createAppointer({ clock, tree });
  return async function runRows(conn: Database, actor: Actor, rows: SheetRow[], onRow: (done: number) => void) {
    const store = new ImportStore(conn, clock);
    await store.preload({
      gridCodes: rows.flatMap((r) => (r.cells.gridCodes ? gridCodesOf(r.cells.gridCodes) : [])).filter((c) => /^\d{14,18}$/.test(c)),
      orgCodes: rows.flatMap((r) => [r.cells.sourceOrgCode, r.cells.employerOrgCode]).filter((c): c is string => !!c),
      idNumbers: rows.map((r) => idKey(r.cells.idNumber)).filter((n) => /^\d{17}[\dX]$/.test(n)),
    });
    const ctx = { tree, actor, grid: (code: string) => store.grid(code) };
    const problems: RowProblem[] = [];
    const firstRow = new Map<string, SheetRow>();
    const staffOf = new Map<string, string | null>();
    const byRole: Partial<Record<StaffRole, number>> = {};
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const key = idKey(r.cells.idNumber);
      const bad = (messages: string[]) => problems.push({ row: r.row, name: r.cells.name ?? null, messages });
      const first = key ? firstRow.get(key) : undefined;
      if (key && !first) firstRow.set(key, r);
      let same: { staffId: string } | undefined;
      if (first) {
        const mismatch = personMismatch(first, r);
        const staffId = staffOf.get(key);
        if (mismatch.length) bad(mismatch);
        else if (!staffId) bad([`同一人员的第 ${first.row} 行未通过检查，本行的任职随之无法导入`]);
        else same = { staffId };
      }
      if (!first || same) {
        const { input, problems: rowProblems } = appointInputOf(r, ctx, same);
        if (!input) bad(rowProblems);
        else {
          const mark = store.mark();
          try {
            const res = await appointer.appointIn(store, actor, input);
            if (!first) staffOf.set(key, res.staffId);
            for (const a of input.assignments) byRole[a.role] = (byRole[a.role] ?? 0) + 1;
          } catch (e) {
            store.rollbackTo(mark);
            if (!(e instanceof AppError)) throw e;
            bad(messagesOf(e));
          }
        }
        if (!first && !staffOf.has(key)) staffOf.set(key, null);
      }
      if (i % chunk === chunk - 1) {
        onRow(i + 1);
        await yieldToLoop();
      }
    }
    onRow(rows.length);
    const summary = { rows: rows.length, persons: store.staff.length, assignments: store.assignments.length, byRole };
    return { problems, store, summary };
  };
}
