import { AppError } from '../../../common/app-error';
import { levelLabels, transition, type Action, type Actor as FlowActor, type FlowState } from '../../../common/domain/matter-flow';
import { orgCode, sectorLabel } from '../../../common/domain/organisations';
import type { ActInput } from '../../../common/schemas/matters';
import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Actor } from '../access/actor';
import { organisationsRepo } from '../organisations/organisations.repo';
import { flowActorFor, type ActorContext } from './matter-actor';
import { extendPeriod, startPeriod } from './matter-deadlines';
import { eventActor, recordEvent } from './matter-events';
import { typeOf } from './matter-intake';
import { mattersRepo } from './matters.repo';
import type { CalendarLookup, CatalogueLookup } from './matters.ports';

export interface ActionDeps extends ActorContext {
  catalogue: CatalogueLookup;
  calendars: CalendarLookup;
}

type Upload = { id: string; key: string; thumb_key: string; width: number; height: number; bytes: number; sha256: string; taken_lng: number | null; taken_lat: number | null };

/** The flow action of an API request. */
function toFlowAction(input: ActInput, orgId: string | null): Action {
  switch (input.action) {
    case 'dispatch':
      return { type: 'dispatch', orgId: orgId! };
    case 'verify':
      return { type: 'verify', passed: input.passed };
    case 'request':
      return { type: 'request', kind: input.kind };
    case 'decide_request':
      return { type: 'decide_request', approved: input.approved };
    default:
      return { type: input.action } as Action;
  }
}

const reasonOf = (input: ActInput): string | null =>
  'reason' in input && input.reason ? input.reason : 'result' in input ? input.result : null;

/** The unit a matter is dispatched to: a linked department or service unit of the matter's county, or of the city. */
async function dispatchTarget(db: Database, m: MatterRow, code: string) {
  const org = await organisationsRepo.byCode(db, code);
  if (!org || (org.kind !== 'department' && org.kind !== 'service_unit')) throw new AppError('invalid', `没有编码为 ${code} 的网格联动部门或网格服务单位`);
  const ownCounty = org.division_code.slice(0, 6) === m.county_code.slice(0, 6);
  const city = org.division_code.endsWith('00000000');
  if (!ownCounty && !city) throw new AppError('invalid', `${org.name}不属于事项所在的县（市、区）`);
  return org;
}

/**
 * One transition of a matter by a signed-in user: who they are to the matter, whether the flow
 * allows it, the event, the new step period and its deadline. Runs with the matter row locked, so
 * two people acting on one matter at once are applied one after the other, each on the result of
 * the other (the second may then be refused).
 */
export async function act(deps: ActionDeps, user: Actor, matterId: string, input: ActInput, uploads: Upload[]): Promise<MatterRow> {
  const { db, clock } = deps;
  const probe = await mattersRepo.byId(db, matterId);
  if (!probe) throw new AppError('not_found', '没有这个事项');
  const who = await flowActorFor(deps, user, probe);
  if (!who) throw new AppError('forbidden', '该事项不在您的管辖范围内，或您当前不能办理事项');
  const type = await typeOf(deps, probe);
  let target = null;
  if (input.action === 'dispatch') {
    target = await dispatchTarget(db, probe, input.orgCode);
    const usual = orgCode(probe.county_code, type.defaultSector);
    if (target.code !== usual && !target.code.startsWith(`${probe.county_code}-${type.defaultSector}`) && !(input.reason && input.reason.length >= 4)) {
      throw new AppError('invalid', `事项清单规定由${sectorLabel(type.defaultSector) ?? type.defaultSector}部门（单位）承办；派遣至${target.name}请填写理由（至少 4 个字）`);
    }
  }
  if (input.action === 'merge') {
    const into = await mattersRepo.byId(db, input.intoMatterId);
    if (!into || into.id === probe.id) throw new AppError('invalid', '请选择要并入的原事项');
    if (into.county_code !== probe.county_code) throw new AppError('invalid', '只能并入同一县（市、区）的事项');
    if (into.state === 'closed' || into.state === 'voided') throw new AppError('invalid', `原事项${into.number}已结案或作废，不能并入`);
  }
  const calendar = await deps.calendars.calendarFor(probe.county_code);
  const action = toFlowAction(input, target?.id ?? null);
  const actor = eventActor(who.actor.kind, user, user.displayName, null);

  return db.transaction().execute(async (tx) => {
    const m = (await mattersRepo.byIdForUpdate(tx, matterId))!;
    const before = m.flow as FlowState;
    const r = transition(before, action, who.actor);
    if (!r.ok) throw new AppError(r.why === 'state' ? 'conflict' : 'forbidden', r.reason);
    const after = r.next;
    const now = clock.now();
    const data: Record<string, unknown> = {};
    if (target) Object.assign(data, { orgId: target.id, orgName: target.name });
    if (input.action === 'request' && input.kind === 'extension') {
      if (!input.extraHours) throw new AppError('bad_request', '申请延期须填写延长的工作小时数');
      data.extraHours = input.extraHours;
    }
    if (input.action === 'feed_back') data.method = input.method;
    if (input.action === 'verify') data.passed = input.passed;
    if (input.action === 'merge') data.intoMatterId = input.intoMatterId;
    if (uploads.length) data.photos = uploads.length;

    // A new step period whenever the matter moves to another state or level; an approved
    // extension adds working time to the period in force.
    let period;
    if (input.action === 'decide_request' && before.request?.kind === 'extension') {
      if (input.approved) {
        const asked = await lastRequestHours(tx, m.id);
        period = await extendPeriod(tx, m, asked, calendar, now);
        data.extraHours = asked;
      }
      data.requestKind = 'extension';
    } else if (after.state !== before.state || after.level !== before.level) {
      period = await startPeriod(tx, m.id, after, await typeOf(deps, m), calendar, now, m.deadline_rev);
    }
    if (input.action === 'decide_request') data.requestKind = before.request?.kind;
    const next = await recordEvent(tx, clock, m, {
      kind: input.action === 'request' ? `request_${input.kind}` : input.action,
      before,
      after,
      actor: who.staffId ? { ...actor, kind: 'worker' } : actor,
      reason: reasonOf(input),
      data,
      targetOrgId: target?.id ?? null,
      period,
      extra: input.action === 'merge' ? { merged_into: input.intoMatterId } : undefined,
    });
    if (uploads.length) {
      if ((await mattersRepo.useUploads(tx, uploads.map((u) => u.id), m.id)) !== uploads.length) throw new AppError('conflict', '照片已用于其他事项，请重新上传');
      await mattersRepo.insertPhotos(
        tx,
        uploads.map((u) => ({ id: newId(now.getTime()), matter_id: m.id, event_seq: next.event_count, key: u.key, thumb_key: u.thumb_key, width: u.width, height: u.height, bytes: u.bytes, sha256: u.sha256, taken_lng: u.taken_lng, taken_lat: u.taken_lat, uploaded_by: user.id, at: now })),
      );
    }
    // The original of a merged duplicate says so in its own timeline: its reporters follow it there.
    if (input.action === 'merge') {
      const original = (await mattersRepo.byIdForUpdate(tx, input.intoMatterId))!;
      await recordEvent(tx, clock, original, {
        kind: 'duplicate_merged',
        before: original.flow as FlowState,
        after: original.flow as FlowState,
        actor,
        reason: `重复事项 ${m.number} 已并入本事项办理`,
        data: { duplicateId: m.id, duplicateNumber: m.number },
      });
    }
    return next;
  });
}

async function lastRequestHours(tx: Database, matterId: string): Promise<number> {
  const events = await mattersRepo.events(tx, matterId);
  const req = [...events].reverse().find((e) => e.kind === 'request_extension');
  const hours = (req?.data as { extraHours?: number } | null)?.extraHours;
  if (!hours) throw new AppError('conflict', '找不到延期申请的时长');
  return hours;
}

/** What the state machine says a flow actor may do now (for the buttons of a screen). */
export function availableActions(flow: FlowState, actor: FlowActor): string[] {
  const probes: [string, Action][] = [
    ['handle_self', { type: 'handle_self' }],
    ['escalate', { type: 'escalate' }],
    ['dispatch', { type: 'dispatch', orgId: '-' }],
    ['accept', { type: 'accept' }],
    ['return', { type: 'return' }],
    ['report_result', { type: 'report_result' }],
    ['verify', { type: 'verify', passed: true }],
    ['feed_back', { type: 'feed_back' }],
    ['request_extension', { type: 'request', kind: 'extension' }],
    ['request_park', { type: 'request', kind: 'park' }],
    ['request_void', { type: 'request', kind: 'void' }],
    ['decide_request', { type: 'decide_request', approved: true }],
    ['unpark', { type: 'unpark' }],
    ['merge', { type: 'merge' }],
  ];
  return probes.filter(([, a]) => transition(flow, a, actor).ok).map(([name]) => name);
}

export { levelLabels };
