import { AppError } from '../../../common/app-error';
import type { GridCodingRule } from '../../../common/domain/grid-code';
import type { Change, ChangeInput, ValidationReport } from '../../../common/schemas/grids';
import type { ChangeFeed } from '../../db/change-feed';
import type { Database } from '../../db/client';
import { lockForTransaction } from '../../db/locks';
import type { Clock } from '../../lib/clock';
import type { Geometry } from '../../lib/geometry-pool';
import { newId } from '../../lib/ids';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from './division-tree';
import { applyPlan } from './grid-change.apply';
import { planChange, type PlanResult } from './grid-change.plan';
import { gridChangesRepo, filingsRepo } from './grid-changes.repo';
import { presentChange } from './grids.presenter';
import { endAssignmentsOnRetiredGrids, staffWarningsFor } from '../staff/grid-retirement';
import { mayReadChange } from './territory.policy';

export interface GridChangeDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  rule: GridCodingRule;
  geo: Geometry;
  feed: ChangeFeed;
}

export function createGridChangeService(deps: GridChangeDeps) {
  const { db, clock, tree, geo, feed } = deps;

  function rejectIfInvalid(r: PlanResult): asserts r is PlanResult & { plan: NonNullable<PlanResult['plan']> } {
    if (r.plan) return;
    throw new AppError('invalid', `网格调整未通过校验：${r.errors.map((e) => e.message).join('；')}`, r.errors);
  }

  /**
   * Plans a change and returns the plan with the state it was made against. The geometry checks can
   * take a second on a large boundary, so they run outside any transaction; the transaction that
   * writes the change re-plans only if grids or divisions changed in between (see `planInTx`).
   */
  async function planAhead(actor: Actor, input: ChangeInput) {
    const stamp = await feed.stamp(db, ['grids', 'divisions']);
    const r = await planChange({ db, tree, geo }, actor, input);
    rejectIfInvalid(r);
    r.warnings.push(...(await staffWarningsFor(db, r.plan.retire.map((g) => g.id))));
    return { stamp, r };
  }

  /** Inside the transaction holding the grid-change lock: the plan still valid for the state now. */
  async function planInTx(tx: Database, actor: Actor, input: ChangeInput, ahead: Awaited<ReturnType<typeof planAhead>>) {
    if ((await feed.stamp(tx, ['grids', 'divisions'])) === ahead.stamp) return ahead.r;
    const r = await planChange({ db: tx, tree, geo }, actor, input);
    rejectIfInvalid(r);
    r.warnings.push(...(await staffWarningsFor(tx, r.plan.retire.map((g) => g.id))));
    return r;
  }

  /** Applies inside a transaction already holding the lock; records the filing for the city centre. */
  async function applyIn(tx: Database, actor: Actor, changeId: string, r: PlanResult & { plan: NonNullable<PlanResult['plan']> }) {
    const at = clock.now();
    const resultCodes = await applyPlan(tx, { rule: deps.rule, clock, tree }, r.plan, changeId, at);
    const county = tree.get(r.plan.countyCode)?.name ?? '';
    await endAssignmentsOnRetiredGrids(tx, clock, actor, r.plan.retire.map((g) => g.id), at, { id: changeId, summary: r.plan.summary, decidingBody: `${county}网格化管理服务中心` });
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
    // Every app process's grid registry follows (NOTIFY at commit).
    await feed.announce(tx, 'grids');
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
      const r = await planChange({ db, tree, geo }, actor, input);
      const staff = r.plan ? await staffWarningsFor(db, r.plan.retire.map((g) => g.id)) : [];
      return { ok: r.plan !== null, errors: r.errors, warnings: [...r.warnings, ...staff] };
    },

    async propose(actor: Actor, input: ChangeInput, applyNow: boolean): Promise<Change> {
      requirePermission(actor, 'grid.propose', '调整网格');
      if (applyNow) requirePermission(actor, 'grid.apply', '使网格调整生效（须由县级网格化管理服务中心确认）');
      const id = newId(clock.now().getTime());
      const ahead = await planAhead(actor, input);
      await db.transaction().execute(async (tx) => {
        await lockForTransaction(tx, 'grid_changes');
        const r = await planInTx(tx, actor, input, ahead);
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
        if (applyNow) await applyIn(tx, actor, id, r);
      });
      if (applyNow) await feed.refresh('grids');
      return present(id);
    },

    async apply(actor: Actor, id: string): Promise<Change> {
      requirePermission(actor, 'grid.apply', '使网格调整生效');
      const row = await load(id);
      if (!inScope(actor, row.county_code)) throw new AppError('forbidden', '该调整不在您的管辖范围内');
      if (row.status !== 'proposed') throw new AppError('conflict', `该调整${row.status === 'applied' ? '已生效' : '已撤回'}，不能再生效`);
      const input = row.payload as ChangeInput;
      const ahead = await planAhead(actor, input);
      await db.transaction().execute(async (tx) => {
        await lockForTransaction(tx, 'grid_changes');
        await applyIn(tx, actor, id, await planInTx(tx, actor, input, ahead));
      });
      await feed.refresh('grids');
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
      if (!actor.scopeCode) return [];
      const prefix = actor.scopeCode.slice(0, actor.scopeCode.endsWith('00000000') ? 4 : 6);
      const rows = await gridChangesRepo.list(db, status === 'all' ? undefined : status, prefix);
      return rows.filter((r) => mayReadChange(actor, r)).map((r) => presentChange(r, tree));
    },

    async get(actor: Actor, id: string): Promise<Change> {
      requirePermission(actor, 'grid.read', '查看网格调整');
      const row = await load(id);
      if (!mayReadChange(actor, row)) throw new AppError('forbidden', '该调整不在您的管辖范围内');
      return presentChange(row, tree);
    },
  };
}
export type GridChangeService = ReturnType<typeof createGridChangeService>;
