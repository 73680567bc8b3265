/**
 * The closed loop of a matter (Art. 21), as a pure state machine: the 数字城管 loop 信息收集 →
 * 案卷建立 → 任务派遣 → 任务处理 → 处理反馈 → 核查结案 → 综合评价, mapped onto the regulation's ladder
 * community → street → county → department or service unit.
 *
 * The machine knows states, the coordinating level, who handles the matter and who may do what
 * from where; the service maps a signed-in user to an actor (which level's centre, which unit, a grid
 * worker), checks scope, and writes each transition as an append-only event.
 */
export const matterStateLabels = {
  pending: '待处置',
  dispatched: '已派遣待签收',
  handling: '处置中',
  verifying: '待核查',
  feedback: '待反馈',
  closed: '已结案',
  parked: '已挂账',
  voided: '已作废',
} as const;
export type MatterState = keyof typeof matterStateLabels;

/** The coordinating levels of the ladder; the city sits above the county for approvals only. */
export const LEVELS = ['community', 'street', 'county', 'city'] as const;
export type Level = (typeof LEVELS)[number];
export const levelLabels: Record<Level, string> = { community: '社区（村）', street: '街道（乡镇）', county: '县（市、区）', city: '市' };
export const levelAbove = (l: Level): Level | null => LEVELS[LEVELS.indexOf(l) + 1] ?? null;

export type Handler = { kind: 'centre'; level: Level } | { kind: 'unit'; orgId: string };

export type RequestKind = 'extension' | 'park' | 'void';
export const requestLabels: Record<RequestKind, string> = { extension: '延期', park: '挂账', void: '作废' };

export interface FlowState {
  state: MatterState;
  /** The centre accountable for the matter now (who decides while it is pending, who supervises a unit). */
  level: Level;
  /** Who is working on it while dispatched, handling, or (after a failed verification) reworking. */
  handler: Handler | null;
  /** The level that dispatched it to a unit: a return goes back there. */
  dispatchLevel: Level | null;
  needsVerification: boolean;
  needsFeedback: boolean;
  reworks: number;
  reopens: number;
  /** A request awaiting approval by the level above its requester. */
  request: { kind: RequestKind; by: Handler; approver: Handler } | null;
  /** Where a parked matter resumes. */
  parkedFrom: MatterState | null;
  /** The level that closed it: a 不满意 rating reopens it there. */
  closedLevel: Level | null;
  outcome: 'resolved' | 'resolved_on_spot' | 'merged' | 'voided' | null;
}

export type Actor =
  | { kind: 'centre'; level: Level }
  | { kind: 'unit'; orgId: string }
  /** A certified grid worker of the matter's grid (the service checks which). */
  | { kind: 'worker' }
  | { kind: 'resident' }
  | { kind: 'system' };

export type Action =
  | { type: 'handle_self' }
  | { type: 'escalate' }
  | { type: 'dispatch'; orgId: string }
  | { type: 'accept' }
  | { type: 'return' }
  | { type: 'report_result' }
  | { type: 'verify'; passed: boolean }
  | { type: 'feed_back' }
  | { type: 'request'; kind: RequestKind }
  | { type: 'decide_request'; approved: boolean }
  | { type: 'unpark' }
  | { type: 'merge' }
  | { type: 'rate'; satisfied: 'satisfied' | 'basically' | 'unsatisfied' }
  | { type: 'warn' }
  | { type: 'overdue' };

export const actionLabels: Record<Action['type'], string> = {
  handle_self: '自行处置',
  escalate: '上报上级',
  dispatch: '派遣（转办）',
  accept: '签收',
  return: '回退',
  report_result: '反馈处置结果',
  verify: '现场核查',
  feed_back: '向群众反馈',
  request: '申请',
  decide_request: '审批',
  unpark: '恢复办理',
  merge: '合并为重复事项',
  rate: '满意度评价',
  warn: '临期预警',
  overdue: '超期',
};

/** The actions a user may be offered on a matter (what `availableActions` lists), as buttons and timeline entries name them. */
export const matterActionLabels = {
  handle_self: '自行处置',
  escalate: '上报上级',
  dispatch: '派遣',
  accept: '签收',
  return: '回退',
  report_result: '反馈处置结果',
  verify: '现场核查',
  feed_back: '向群众反馈',
  request_extension: '申请延期',
  request_park: '申请挂账',
  request_void: '申请作废',
  decide_request: '审批',
  unpark: '恢复办理',
  merge: '合并（并入原事项）',
} as const;
export type MatterActionName = keyof typeof matterActionLabels;

/** The step whose time limit runs in a state (the catalogue gives one per step). */
export type Step = 'dispatch' | 'handling' | 'verification' | 'feedback';
export function stepOf(s: FlowState): Step | null {
  switch (s.state) {
    case 'pending':
    case 'dispatched':
      return 'dispatch';
    case 'handling':
      return 'handling';
    case 'verifying':
      return 'verification';
    case 'feedback':
      return 'feedback';
    default:
      return null;
  }
}

/** A refusal says why: the matter's state does not allow the action now, or this actor may not take it. */
export type Outcome = { ok: true; next: FlowState } | { ok: false; reason: string; why: 'state' | 'actor' };

const refuse = (reason: string, why: 'state' | 'actor' = 'actor'): Outcome => ({ ok: false, reason, why });
const same = (a: Handler | null, b: Actor) =>
  !!a && ((a.kind === 'centre' && b.kind === 'centre' && a.level === b.level) || (a.kind === 'unit' && b.kind === 'unit' && a.orgId === b.orgId));
const isCentreAt = (a: Actor, l: Level) => a.kind === 'centre' && a.level === l;
const who = (h: Handler) => (h.kind === 'centre' ? `${levelLabels[h.level]}网格化管理服务机构` : '承办单位');

/** The level above whoever asks: a unit's request goes to the level that dispatched it. */
export function approverFor(s: FlowState, requester: Handler): Handler | null {
  if (requester.kind === 'unit') return s.dispatchLevel ? { kind: 'centre', level: s.dispatchLevel } : null;
  const up = levelAbove(requester.level);
  return up ? { kind: 'centre', level: up } : null;
}

/** After a result: verification on site if the type needs it, then feedback to the resident, then closed. */
function afterHandling(s: FlowState): FlowState {
  if (s.needsVerification) return { ...s, state: 'verifying' };
  return afterVerification(s);
}
function afterVerification(s: FlowState): FlowState {
  if (s.needsFeedback) return { ...s, state: 'feedback' };
  return close(s);
}
function close(s: FlowState): FlowState {
  const closedLevel = s.handler?.kind === 'centre' ? s.handler.level : (s.dispatchLevel ?? s.level);
  return { ...s, state: 'closed', closedLevel, outcome: 'resolved', request: null };
}

/** Where a matter starts: resolved on the spot, straight to a unit (e.g. 公安 for attacks on workers), or pending at the community. */
export function initialState(opts: {
  needsVerification: boolean;
  needsFeedback: boolean;
  resolvedOnSpot?: boolean;
  /** The level that takes it first (community by default; a point outside every grid goes to its street or county). */
  level?: Level;
  /** Dispatched at once to this unit by the given level, bypassing the ladder. */
  directTo?: { orgId: string; level: Level };
}): FlowState {
  const base: FlowState = {
    state: 'pending',
    level: opts.level ?? 'community',
    handler: null,
    dispatchLevel: null,
    needsVerification: opts.needsVerification,
    needsFeedback: opts.needsFeedback,
    reworks: 0,
    reopens: 0,
    request: null,
    parkedFrom: null,
    closedLevel: null,
    outcome: null,
  };
  if (opts.resolvedOnSpot) return { ...base, state: 'closed', closedLevel: base.level, outcome: 'resolved_on_spot' };
  if (opts.directTo) return { ...base, state: 'dispatched', level: opts.directTo.level, handler: { kind: 'unit', orgId: opts.directTo.orgId }, dispatchLevel: opts.directTo.level };
  return base;
}

/** Applies an action by an actor; refuses with the reason in Chinese when the state or the actor does not allow it. */
export function transition(s: FlowState, a: Action, by: Actor): Outcome {
  const label = matterStateLabels[s.state];
  const notNow = () => refuse(`事项${label}，不能${actionLabels[a.type]}`, 'state');
  if (s.request && !['decide_request', 'warn', 'overdue'].includes(a.type) && !(a.type === 'report_result' && s.request.kind === 'extension')) {
    return refuse(`事项有待审批的${requestLabels[s.request.kind]}申请，请先由${who(s.request.approver)}审批`, 'state');
  }
  switch (a.type) {
    case 'handle_self':
      if (s.state !== 'pending') return notNow();
      if (!isCentreAt(by, s.level)) return refuse(`该事项由${levelLabels[s.level]}网格化管理服务机构处置`);
      return { ok: true, next: { ...s, state: 'handling', handler: { kind: 'centre', level: s.level } } };

    case 'escalate': {
      if (s.state !== 'pending') return notNow();
      if (!isCentreAt(by, s.level)) return refuse(`该事项由${levelLabels[s.level]}网格化管理服务机构处置`);
      const up = levelAbove(s.level);
      if (!up || up === 'city') return refuse('县（市、区）网格化管理服务机构是最高处置层级，请派遣至有关部门或自行处置', 'state');
      return { ok: true, next: { ...s, level: up } };
    }

    case 'dispatch':
      if (s.state !== 'pending') return notNow();
      if (!isCentreAt(by, s.level)) return refuse(`该事项由${levelLabels[s.level]}网格化管理服务机构派遣`);
      return { ok: true, next: { ...s, state: 'dispatched', handler: { kind: 'unit', orgId: a.orgId }, dispatchLevel: s.level } };

    case 'accept':
      if (s.state !== 'dispatched') return notNow();
      if (!same(s.handler, by)) return refuse('只有被派遣的单位可以签收');
      return { ok: true, next: { ...s, state: 'handling' } };

    case 'return':
      if (s.state !== 'dispatched') return notNow();
      if (!same(s.handler, by)) return refuse('只有被派遣的单位可以回退');
      // Back to the dispatching level, which must dispatch again (or handle it itself).
      return { ok: true, next: { ...s, state: 'pending', level: s.dispatchLevel ?? s.level, handler: null, dispatchLevel: null } };

    case 'report_result':
      if (s.state !== 'handling') return notNow();
      if (!same(s.handler, by)) return refuse('只有承办的单位可以反馈处置结果');
      return { ok: true, next: afterHandling({ ...s, request: null }) };

    case 'verify':
      if (s.state !== 'verifying') return notNow();
      if (by.kind !== 'worker') return refuse('现场核查由本网格的网格员进行');
      if (a.passed) return { ok: true, next: afterVerification(s) };
      // A failed verification sends it back to its handler for rework (返工).
      return { ok: true, next: { ...s, state: 'handling', reworks: s.reworks + 1 } };

    case 'feed_back':
      if (s.state !== 'feedback') return notNow();
      if (by.kind !== 'worker') return refuse('处置结果由本网格的网格员向群众反馈');
      return { ok: true, next: close(s) };

    case 'request': {
      const active = a.kind === 'extension' ? ['dispatched', 'handling', 'verifying', 'feedback'] : a.kind === 'park' ? ['pending', 'handling'] : ['pending', 'handling', 'dispatched'];
      if (!active.includes(s.state)) return notNow();
      let requester: Handler | null = null;
      if (s.state === 'pending' && isCentreAt(by, s.level)) requester = { kind: 'centre', level: s.level };
      else if (same(s.handler, by)) requester = s.handler;
      else if (a.kind === 'extension' && (s.state === 'verifying' || s.state === 'feedback') && by.kind === 'centre' && by.level === 'community') requester = { kind: 'centre', level: 'community' };
      if (!requester) return refuse(`只有当前承办方可以申请${requestLabels[a.kind]}`);
      const approver = approverFor(s, requester);
      if (!approver) return refuse(`没有可审批${requestLabels[a.kind]}的上级`);
      return { ok: true, next: { ...s, request: { kind: a.kind, by: requester, approver } } };
    }

    case 'decide_request': {
      if (!s.request) return refuse('事项没有待审批的申请', 'state');
      if (!same(s.request.approver, by)) return refuse(`该申请由${who(s.request.approver)}审批`);
      if (!a.approved || s.request.kind === 'extension') return { ok: true, next: { ...s, request: null } };
      if (s.request.kind === 'park') return { ok: true, next: { ...s, request: null, state: 'parked', parkedFrom: s.state } };
      return { ok: true, next: { ...s, request: null, state: 'voided', outcome: 'voided' } };
    }

    case 'unpark':
      if (s.state !== 'parked') return notNow();
      if (!(by.kind === 'centre' && (by.level === s.level || by.level === levelAbove(s.level)))) return refuse(`由${levelLabels[s.level]}或其上级网格化管理服务机构恢复办理`);
      return { ok: true, next: { ...s, state: s.parkedFrom ?? 'pending', parkedFrom: null } };

    case 'merge':
      if (s.state !== 'pending') return notNow();
      if (!isCentreAt(by, s.level)) return refuse(`该事项由${levelLabels[s.level]}网格化管理服务机构处置`);
      return { ok: true, next: { ...s, state: 'closed', closedLevel: s.level, outcome: 'merged' } };

    case 'rate':
      if (s.state !== 'closed' || s.outcome === 'merged') return notNow();
      if (by.kind !== 'resident') return refuse('满意度由反映人评价');
      // 不满意 reopens once, back to the level that closed it.
      if (a.satisfied === 'unsatisfied' && s.reopens === 0 && s.outcome !== 'resolved_on_spot') {
        const level = s.closedLevel ?? s.level;
        return { ok: true, next: { ...s, state: 'pending', level, handler: null, dispatchLevel: null, reopens: 1, outcome: null, closedLevel: null } };
      }
      return { ok: true, next: s };

    case 'warn':
      if (by.kind !== 'system') return refuse('临期预警由系统发出');
      if (!stepOf(s)) return notNow();
      return { ok: true, next: s };

    case 'overdue': {
      if (by.kind !== 'system') return refuse('超期由系统判定');
      if (!stepOf(s)) return notNow();
      // Overdue raises the accountable level by one (at most to the county): a pending matter is then
      // the upper level's to decide; a unit's or a lower centre's work is supervised from there.
      const up = levelAbove(s.level);
      return { ok: true, next: !up || up === 'city' ? s : { ...s, level: up } };
    }
  }
}

/** Whether an actor may take an action now, without applying it (for showing the buttons). */
export function allowed(s: FlowState, a: Action, by: Actor): boolean {
  return transition(s, a, by).ok;
}
