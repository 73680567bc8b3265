import { priorityLabels } from '../../../common/domain/catalogue';
import { levelLabels, matterActionLabels, matterStateLabels, type FlowState, type Level } from '../../../common/domain/matter-flow';
import { maskPhone } from '../../../common/domain/privacy';
import type { MatterRow } from '../../db/tables';
import type { DivisionTree } from '../territory/division-tree';
import type { MatterListRow } from './matters.repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const eventLabels: Record<string, string> = {
  ...matterActionLabels,
  report: '上报',
  report_direct: '上报（直接派遣公安机关）',
  resolve_on_spot: '就地解决',
  merge: '并入原事项',
  duplicate_merged: '并入重复事项',
  rate: '群众评价',
  reopen: '不满意，重新办理',
  warn: '临期预警（黄灯）',
  overdue: '超期（红灯）',
  escalate_overdue: '超期自动提级',
  deadline_recount: '按调整后的工作日历重算时限',
};

/** Yellow after the warning time, red after the deadline; none outside a timed step. */
export function markOf(m: Pick<MatterRow, 'deadline_at' | 'warn_at' | 'step'>, now: Date): 'red' | 'yellow' | null {
  if (!m.step || !m.deadline_at) return null;
  if (new Date(m.deadline_at) <= now) return 'red';
  if (m.warn_at && new Date(m.warn_at) <= now) return 'yellow';
  return null;
}

export function presentSummary(m: MatterListRow | (MatterRow & { handler_org_name?: string | null; grid_code?: string | null }), tree: DivisionTree, now: Date) {
  const flow = m.flow as FlowState;
  return {
    id: m.id,
    number: m.number,
    source: m.source,
    typeCode: m.type_code,
    typeName: m.type_name,
    priority: m.priority,
    priorityLabel: priorityLabels[m.priority],
    description: m.description,
    state: m.state,
    stateLabel: matterStateLabels[m.state],
    level: m.level as Level,
    levelLabel: levelLabels[m.level as Level],
    handler: 'handler_org_name' in m && m.handler_org_name ? m.handler_org_name : flow.handler?.kind === 'centre' ? `${levelLabels[flow.handler.level]}网格化管理服务机构` : null,
    place: tree.path(m.division_code).slice(1).map((p) => p.name).join(' / '),
    divisionCode: m.division_code,
    gridCode: 'grid_code' in m ? (m.grid_code ?? null) : null,
    lng: m.lng,
    lat: m.lat,
    step: m.step,
    deadlineAt: iso(m.deadline_at),
    deadlineProvisional: m.deadline_provisional,
    mark: markOf(m, now),
    request: flow.request ? { kind: flow.request.kind } : null,
    reworks: flow.reworks,
    reopens: flow.reopens,
    rating: m.rating,
    createdAt: iso(m.created_at)!,
    closedAt: iso(m.closed_at),
  };
}

/** The reporter as officials see them: the phone masked unless this viewer must call back (and it was audited). */
export function presentReporter(m: MatterRow, phoneInFull: boolean) {
  if (m.reporter_anonymous) return { anonymous: true, name: null, phone: null };
  return { anonymous: false, name: m.reporter_name, phone: m.reporter_phone ? (phoneInFull ? m.reporter_phone : maskPhone(m.reporter_phone)) : null };
}

/**
 * The progress a resident reads on the tracking page: plain words of what happened and who has
 * it, never the handlers' notes, names of officials, or anybody's data.
 */
export function publicProgress(events: { kind: string; at: Date; data: unknown; to_state: string; level: string; actor_kind: string }[]): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  for (const e of events) {
    const d = (e.data ?? {}) as { orgName?: string; passed?: boolean; method?: string; requestKind?: string; duplicateNumber?: string };
    const level = levelLabels[e.level as Level] ?? '';
    let text: string | null = null;
    switch (e.kind) {
      case 'report':
        text = '已受理，交由属地网格化管理服务机构处理';
        break;
      case 'report_direct':
        text = '已受理，已直接交由公安机关处理';
        break;
      case 'resolve_on_spot':
        text = '网格员已现场解决';
        break;
      case 'escalate':
      case 'escalate_overdue':
        text = `已提交${level}网格化管理服务机构协调处理`;
        break;
      case 'handle_self':
        text = `${level}网格化管理服务机构正在处理`;
        break;
      case 'dispatch':
        text = d.orgName ? `已转交${d.orgName}办理` : '已转交有关部门办理';
        break;
      case 'accept':
        text = '承办单位已签收，正在办理';
        break;
      case 'return':
        text = '正在重新安排承办单位';
        break;
      case 'report_result':
        text = e.actor_kind === 'centre' ? `${level}网格化管理服务机构已办理完毕` : '承办单位已办理完毕';
        break;
      case 'verify':
        text = d.passed ? '网格员已到现场核实办理结果' : '现场核实未通过，已要求承办单位重新办理';
        break;
      case 'feed_back':
        text = '网格员已向您反馈办理结果';
        break;
      case 'decide_request':
        if (d.requestKind === 'extension') text = '办理期限已依规延长';
        else if (e.to_state === 'parked') text = '因客观原因暂缓办理';
        else if (e.to_state === 'voided') text = '经审核，该反映不予受理';
        break;
      case 'unpark':
        text = '已恢复办理';
        break;
      case 'merge':
        text = '与他人反映的同一问题合并办理';
        break;
      case 'duplicate_merged':
        text = '他人反映的同一问题已并入本事项一并办理';
        break;
      case 'rate':
        text = '您已评价';
        break;
      case 'reopen':
        text = '根据您的评价，已重新办理';
        break;
    }
    if (text) out.push({ at: new Date(e.at).toISOString(), text });
  }
  return out;
}

/** The state in a resident's words (the tracking page): never a unit's or a person's name. */
export function publicState(m: Pick<MatterRow, 'state' | 'flow' | 'merged_into'>, shown: Pick<MatterRow, 'state'>): string {
  if (m.merged_into) return `已与他人反映的同一问题合并办理（${publicStates[shown.state]}）`;
  if ((m.flow as FlowState).outcome === 'resolved_on_spot') return '已由网格员现场解决';
  return publicStates[m.state];
}
const publicStates: Record<MatterRow['state'], string> = {
  pending: '已受理，正在安排办理',
  dispatched: '已交承办单位，正在办理',
  handling: '正在办理',
  verifying: '已办理完毕，网格员正在现场核实',
  feedback: '已办理完毕，网格员将向您反馈',
  closed: '已办结',
  parked: '因客观原因暂缓办理',
  voided: '经审核不予受理（已作废）',
};

export function presentEvent(e: { seq: number; kind: string; from_state: string | null; to_state: string; level: string; actor_kind: string; actor_name: string; actor_org_name: string | null; at: Date; reason: string | null; data: unknown; step: string | null; deadline_at: Date | null }) {
  return {
    seq: e.seq,
    kind: e.kind,
    kindLabel: eventLabels[e.kind] ?? e.kind,
    fromState: e.from_state,
    toState: e.to_state,
    toStateLabel: matterStateLabels[e.to_state as keyof typeof matterStateLabels] ?? e.to_state,
    level: e.level,
    levelLabel: levelLabels[e.level as Level] ?? e.level,
    actorKind: e.actor_kind,
    actor: e.actor_name,
    actorUnit: e.actor_org_name,
    at: iso(e.at)!,
    reason: e.reason,
    data: e.data,
    step: e.step,
    deadlineAt: iso(e.deadline_at),
  };
}
