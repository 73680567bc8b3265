import type { Insertable } from 'kysely';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { StaffingSettings } from '../../../../common/domain/staff';
import type { Database } from '../../../db/client';
import type { DB, GridRow, OrganisationRow, StaffRow } from '../../../db/tables';
import type { Clock } from '../../../lib/clock';
import type { Actor } from '../../access/actor';
import { writeAuditMany, type AuditEntry } from '../../audit/audit.service';
import { organisationsRepo } from '../../organisations/organisations.repo';
import { gridsRepo } from '../../territory/grids.repo';
import { dbAppointStore, type AppointStore } from '../appointment';
import { staffRepo } from '../staff.repo';
import { settingsFromRow } from '../staffing-settings';

type AssignmentInsert = Insertable<DB['staff_assignments']>;

/**
 * The appointment store of a spreadsheet import. Grids, organisations, registered ID numbers and
 * county settings the file refers to are read once up front; what earlier rows of the file did
 * (people registered, assignments opened) is answered from memory, so the load limits and
 * duplicates count the whole file; nothing is written until `flush`, in bulk. A row that fails is
 * undone with `rollbackTo(mark())`, like a savepoint.
 */
export class ImportStore implements AppointStore {
  private readonly grids = new Map<string, GridRow | null>();
  private readonly orgs = new Map<string, OrganisationRow | null>();
  private readonly registered = new Map<string, { id: string; name: string; township_code: string } | null>();
  private readonly countySettings = new Map<string, StaffingSettings>();
  private readonly defaults: StaffingSettings = settingsFromRow(undefined);
  private readonly fallback: AppointStore;

  readonly staff: StaffRow[] = [];
  readonly decisions: Insertable<DB['staff_decisions']>[] = [];
  readonly assignments: AssignmentInsert[] = [];
  readonly audits: { actor: Actor; entry: AuditEntry }[] = [];
  private readonly staffById_ = new Map<string, StaffRow>();
  private readonly staffByNumber = new Map<string, StaffRow>();
  private readonly assignmentsOf = new Map<string, AssignmentInsert[]>();
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.fallback = dbAppointStore(db, clock);
  }

  async preload(f: { gridCodes: string[]; orgCodes: string[]; idNumbers: string[] }): Promise<void> {
    // In parts, yielding between them: the embedded database never returns to the event loop by itself.
    const each = async <T>(keys: string[], load: (part: string[]) => Promise<T[]>, put: (row: T) => void) => {
      const unique = [...new Set(keys)];
      for (let i = 0; i < unique.length; i += 500) {
        for (const row of await load(unique.slice(i, i + 500))) put(row);
        await yieldToLoop();
      }
    };
    for (const c of f.gridCodes) this.grids.set(c, null);
    await each(f.gridCodes, (part) => gridsRepo.byCodes(this.db, part), (g) => this.grids.set(g.code, g));
    for (const c of f.orgCodes) this.orgs.set(c, null);
    await each(f.orgCodes, (part) => organisationsRepo.byCodes(this.db, part), (o) => this.orgs.set(o.code, o));
    for (const n of f.idNumbers) this.registered.set(n, null);
    await each(f.idNumbers, (part) => staffRepo.byIdNumbers(this.db, part), (s) => this.registered.set(s.id_number, s));
    for (const r of await staffRepo.allSettings(this.db)) this.countySettings.set(r.county_code, settingsFromRow(r));
  }

  /** Preloaded grid (undefined when the file's code is not a grid). */
  grid(code: string): GridRow | undefined {
    return this.grids.get(code) ?? undefined;
  }

  mark(): number {
    return this.undo.length;
  }
  rollbackTo(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()!();
  }

  async gridByCode(code: string) {
    if (this.grids.has(code)) return this.grids.get(code) ?? undefined;
    return this.fallback.gridByCode(code);
  }
  async orgByCode(code: string) {
    if (this.orgs.has(code)) return this.orgs.get(code) ?? undefined;
    return this.fallback.orgByCode(code);
  }
  async staffById(id: string) {
    return this.staffById_.get(id) ?? this.fallback.staffById(id);
  }
  async staffByIdNumber(n: string) {
    const mine = this.staffByNumber.get(n);
    if (mine) return mine;
    if (this.registered.has(n)) return this.registered.get(n) ?? undefined;
    return this.fallback.staffByIdNumber(n);
  }
  async openAssignments(staffId: string) {
    if (!this.staffById_.has(staffId)) return this.fallback.openAssignments(staffId);
    return (this.assignmentsOf.get(staffId) ?? []).filter((a) => a.valid_to === null).map((a) => ({ grid_id: a.grid_id, role: a.role }));
  }
  async loads(staffId: string, on: string) {
    if (!this.staffById_.has(staffId)) return this.fallback.loads(staffId, on);
    const n = new Map<string, number>();
    for (const a of this.assignmentsOf.get(staffId) ?? []) {
      if (a.valid_from <= on && (a.valid_to === null || a.valid_to === undefined || a.valid_to > on)) n.set(a.role, (n.get(a.role) ?? 0) + 1);
    }
    return [...n].map(([role, count]) => ({ role, n: count }));
  }
  async settings(county: string) {
    return this.countySettings.get(county) ?? this.defaults;
  }

  async insertStaff(row: StaffRow) {
    this.staff.push(row);
    this.staffById_.set(row.id, row);
    this.staffByNumber.set(row.id_number, row);
    this.undo.push(() => {
      this.staff.pop();
      this.staffById_.delete(row.id);
      this.staffByNumber.delete(row.id_number);
    });
  }
  async insertDecision(row: Insertable<DB['staff_decisions']>) {
    this.decisions.push(row);
    this.undo.push(() => void this.decisions.pop());
  }
  async insertAssignments(rows: AssignmentInsert[]) {
    for (const a of rows) {
      this.assignments.push(a);
      const list = this.assignmentsOf.get(a.staff_id) ?? [];
      list.push(a);
      this.assignmentsOf.set(a.staff_id, list);
      this.undo.push(() => {
        this.assignments.pop();
        list.pop();
      });
    }
  }
  async audit(actor: Actor, entry: AuditEntry) {
    this.audits.push({ actor, entry });
    this.undo.push(() => void this.audits.pop());
  }

  /** Writes everything in bulk inside the import's transaction, in the order the foreign keys need. */
  async flush(tx: Database, onProgress: (written: number, total: number) => void = () => {}, batch = 250): Promise<void> {
    const total = this.staff.length + this.decisions.length + this.assignments.length + this.audits.length;
    let written = 0;
    const step = async <T>(rows: T[], write: (part: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += batch) {
        const part = rows.slice(i, i + batch);
        await write(part);
        written += part.length;
        onProgress(written, total);
        // The embedded database answers without ever returning to the event loop: make room for other requests.
        await yieldToLoop();
      }
    };
    await step(this.staff, (part) => staffRepo.insert(tx, part));
    await step(this.decisions, (part) => staffRepo.insertDecision(tx, part));
    await step(this.assignments, (part) => staffRepo.insertAssignments(tx, part));
    await writeAuditMany(tx, this.clock, this.audits, batch);
    onProgress(total, total);
    await yieldToLoop();
  }
}
