import { AppError } from '../../../common/app-error';
import type { GridCodingRule } from '../../../common/domain/grid-code';
import type { Change, ChangeInput, ValidationReport } from '../../../common/schemas/grids';
import type { Database } from '../../db/client';
import { lockForTransaction } from '../../db/locks';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from './division-tree';
import { applyPlan } from './grid-change.apply';
import { planChange, type PlanResult } from './grid-change.plan';
import { gridChangesRepo, filingsRepo } from './grid-changes.repo';
import type { GridRegistry } from './grid-registry';
import { presentChange } from './grids.presenter';

export interface GridChangeDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  rule: GridCodingRule;
  registry: GridRegistry;
}


export function createGridChangeService(deps: GridChangeDeps) {
  const { db, clock, tree } = deps;

  function rejectIfInvalid(r: PlanResult): asserts r is PlanResult & { plan: NonNullable<PlanResult['plan']> } {
    if (r.plan) return;
    throw new AppError('invalid', `网格调整未通过校验：${r.errors.map((e) => e.message).join('；')}`, r.errors);
  }

  /** Applies inside a transaction already holding the lock; records the filing for the city centre. */
  async function applyIn(tx: Database, actor: Actor, changeId: string, input: ChangeInput) {
    const r = await planChange({ db: tx, tree }, actor, input);
    rejectIfInvalid(r);
    const at = clock.now();
    const resultCodes = await applyPlan(tx, { rule: deps.rule, clock, tree }, r.plan, changeId, at);
    const res = await gridChangesRepo.markApplied(tx, changeId, actor.id, at, resultCodes, r.warnings);
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict', '该调整已不是待生效状态');
    const filingId = newId(at.getTime());
    await filingsRepo.insert(tx, { id: filingId, change_id: changeId, county_code: r.plan.countyCode, filed_at: at, filed_by: actor.id });
    await writeAudit(tx, clock, actor, {
      action: 'grid_change.apply',
      entity: 'grid_change',
      entityId: changeId,
      before: r.plan.before,
      after: { resultCodes, filingId, created: r.plan.create.map((g) => ({ divisionCode: g.divisionCode, ...g.attrs, areaM2: Math.round(g.areaM2) })) },
    });
  }

  async function load(id: string) {
    const row = await gridChangesRepo.get(db, id);
    if (!row) throw new AppError('not_found', `没有编号为 ${id} 的网格调整`);
    return row;
  }

  async function present(id: string): Promise<Change> {
    return presentChange(await load(id), tree);
  }

  return {
    /** Dry run for the proposal form: the same checks as a submission, nothing written. */
    async validate(actor: Actor, input: ChangeInput): Promise<ValidationReport> {
      requirePermission(actor, 'grid.propose', '调整网格');
      const r = await planChange({ db, tree }, actor, input);
      return { ok: r.plan !== null, errors: r.errors, warnings: r.warnings };
    },

    async propose(actor: Actor, input: ChangeInput, applyNow: boolean): Promise<Change> {
      requirePermission(actor, 'grid.propose', '调整网格');
      if (applyNow) requirePermission(actor, 'grid.apply', '使网格调整生效（须由县级网格化管理服务中心确认）');
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (tx) => {
        await lockForTransaction(tx, 'grid_changes');
        const r = await planChange({ db: tx, tree }, actor, input);
        rejectIfInvalid(r);
        await gridChangesRepo.insert(tx, {
          id,
          kind: input.kind,
          status: 'proposed',
          county_code: r.plan.countyCode,
          division_code: r.plan.divisionCode,
          reason: input.reason,
          summary: r.plan.summary,
          payload: JSON.stringify(input),
          warnings: JSON.stringify(r.warnings),
          result_codes: '[]',
          proposed_by: actor.id,
          proposed_at: clock.now(),
        });
        await writeAudit(tx, clock, actor, { action: 'grid_change.propose', entity: 'grid_change', entityId: id, after: { kind: input.kind, summary: r.plan.summary, reason: input.reason } });
        if (applyNow) await applyIn(tx, actor, id, input);
      });
      if (applyNow) await deps.registry.rebuild();
      return present(id);
    },

    async apply(actor: Actor, id: string): Promise<Change> {
      requirePermission(actor, 'grid.apply', '使网格调整生效');
      const row = await load(id);
      if (!inScope(actor, row.county_code)) throw new AppError('forbidden', '该调整不在您的管辖范围内');
      if (row.status !== 'proposed') throw new AppError('conflict', `该调整${row.status === 'applied' ? '已生效' : '已撤回'}，不能再生效`);
      await db.transaction().execute(async (tx) => {
        await lockForTransaction(tx, 'grid_changes');
        await applyIn(tx, actor, id, row.payload as ChangeInput);
      });
      await deps.registry.rebuild();
      return present(id);
    },

    async withdraw(actor: Actor, id: string): Promise<Change> {
      requirePermission(actor, 'grid.propose', '撤回网格调整');
      const row = await load(id);
      const own = row.proposed_by === actor.id;
      if (!own && !(actor.role === 'county_centre' && inScope(actor, row.county_code))) throw new AppError('forbidden', '只有提出人或本县网格化管理服务中心可以撤回');
      await db.transaction().execute(async (tx) => {
        const res = await gridChangesRepo.markWithdrawn(tx, id, clock.now());
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict', '只有待生效的调整可以撤回');
        await writeAudit(tx, clock, actor, { action: 'grid_change.withdraw', entity: 'grid_change', entityId: id });
      });
      return present(id);
    },

    async list(actor: Actor, status: string): Promise<Change[]> {
      requirePermission(actor, 'grid.read', '查看网格调整');
      const prefix = actor.scopeCode ? actor.scopeCode.slice(0, actor.scopeCode.endsWith('00000000') ? 4 : 6) : undefined;
      const rows = await gridChangesRepo.list(db, status === 'all' ? undefined : status, prefix);
      // A street centre sees its own township's changes; counties and the city see all of theirs.
      return rows.filter((r) => !r.division_code || inScope(actor, r.division_code) || actor.role !== 'street_centre').map((r) => presentChange(r, tree));
    },

    async get(actor: Actor, id: string): Promise<Change> {
      requirePermission(actor, 'grid.read', '查看网格调整');
      const row = await load(id);
      if (actor.scopeCode && !inScope(actor, row.county_code) && !(row.division_code && inScope(actor, row.division_code))) throw new AppError('forbidden', '该调整不在您的管辖范围内');
      return presentChange(row, tree);
    },
  };
}
export type GridChangeService = ReturnType<typeof createGridChangeService>;
