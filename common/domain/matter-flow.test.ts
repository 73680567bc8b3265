import { describe, expect, it } from 'vitest';
import { approverFor, initialState, stepOf, transition, type Action, type Actor, type FlowState } from './matter-flow';

const community: Actor = { kind: 'centre', level: 'community' };
const street: Actor = { kind: 'centre', level: 'street' };
const county: Actor = { kind: 'centre', level: 'county' };
const city: Actor = { kind: 'centre', level: 'city' };
const unit: Actor = { kind: 'unit', orgId: 'org-mz' };
const otherUnit: Actor = { kind: 'unit', orgId: 'org-ga' };
const worker: Actor = { kind: 'worker' };
const resident: Actor = { kind: 'resident' };
const system: Actor = { kind: 'system' };

function run(s: FlowState, steps: [Action, Actor][]): FlowState {
  for (const [a, by] of steps) {
    const r = transition(s, a, by);
    if (!r.ok) throw new Error(`${a.type}: ${r.reason}`);
    s = r.next;
  }
  return s;
}
const fresh = (o: Partial<Parameters<typeof initialState>[0]> = {}) => initialState({ needsVerification: true, needsFeedback: true, ...o });
const refused = (s: FlowState, a: Action, by: Actor, msg: RegExp) => {
  const r = transition(s, a, by);
  expect(r.ok, `${a.type} should be refused`).toBe(false);
  if (!r.ok) expect(r.reason).toMatch(msg);
};

describe('the matter loop (Art. 21)', () => {
  it('starts pending at the community, resolved on the spot, or dispatched straight to a unit', () => {
    expect(fresh()).toMatchObject({ state: 'pending', level: 'community', handler: null });
    expect(fresh({ resolvedOnSpot: true })).toMatchObject({ state: 'closed', outcome: 'resolved_on_spot' });
    expect(fresh({ directTo: { orgId: 'org-ga', level: 'county' } })).toMatchObject({ state: 'dispatched', level: 'county', handler: { kind: 'unit', orgId: 'org-ga' }, dispatchLevel: 'county' });
    expect(fresh({ level: 'street' })).toMatchObject({ state: 'pending', level: 'street' });
  });

  it('climbs the ladder community → street → county → department, then verified, fed back and rated', () => {
    let s = run(fresh(), [
      [{ type: 'escalate' }, community],
      [{ type: 'escalate' }, street],
      [{ type: 'dispatch', orgId: 'org-mz' }, county],
      [{ type: 'accept' }, unit],
      [{ type: 'report_result' }, unit],
    ]);
    expect(s).toMatchObject({ state: 'verifying', level: 'county', dispatchLevel: 'county' });
    s = run(s, [
      [{ type: 'verify', passed: true }, worker],
      [{ type: 'feed_back' }, worker],
    ]);
    expect(s).toMatchObject({ state: 'closed', outcome: 'resolved', closedLevel: 'county' });
    expect(run(s, [[{ type: 'rate', satisfied: 'satisfied' }, resident]])).toEqual(s);
  });

  it('lets a level handle it itself, and skips verification and feedback when the type needs neither', () => {
    const s = run(initialState({ needsVerification: false, needsFeedback: false }), [
      [{ type: 'handle_self' }, community],
      [{ type: 'report_result' }, community],
    ]);
    expect(s).toMatchObject({ state: 'closed', closedLevel: 'community' });
    expect(run(initialState({ needsVerification: false, needsFeedback: true }), [[{ type: 'handle_self' }, community], [{ type: 'report_result' }, community]]).state).toBe('feedback');
  });

  it('sends a returned matter back to the dispatching level, which must dispatch again', () => {
    let s = run(fresh(), [
      [{ type: 'escalate' }, community],
      [{ type: 'dispatch', orgId: 'org-ga' }, street],
      [{ type: 'return' }, otherUnit],
    ]);
    expect(s).toMatchObject({ state: 'pending', level: 'street', handler: null });
    refused(s, { type: 'accept' }, otherUnit, /待处置/);
    s = run(s, [[{ type: 'dispatch', orgId: 'org-mz' }, street]]);
    expect(s.handler).toEqual({ kind: 'unit', orgId: 'org-mz' });
  });

  it('reworks after a failed verification, with the same handler', () => {
    const s = run(fresh(), [
      [{ type: 'dispatch', orgId: 'org-mz' }, community],
      [{ type: 'accept' }, unit],
      [{ type: 'report_result' }, unit],
      [{ type: 'verify', passed: false }, worker],
    ]);
    expect(s).toMatchObject({ state: 'handling', reworks: 1, handler: { kind: 'unit', orgId: 'org-mz' } });
    expect(run(s, [[{ type: 'report_result' }, unit]]).state).toBe('verifying');
  });

  it('takes extension, parking and voiding requests to the level above the requester', () => {
    const handling = run(fresh(), [[{ type: 'escalate' }, community], [{ type: 'dispatch', orgId: 'org-mz' }, street], [{ type: 'accept' }, unit]]);
    const asked = run(handling, [[{ type: 'request', kind: 'extension' }, unit]]);
    expect(asked.request).toEqual({ kind: 'extension', by: { kind: 'unit', orgId: 'org-mz' }, approver: { kind: 'centre', level: 'street' } });
    refused(asked, { type: 'decide_request', approved: true }, county, /街道（乡镇）/);
    refused(asked, { type: 'request', kind: 'park' }, unit, /待审批/);
    expect(run(asked, [[{ type: 'decide_request', approved: true }, street]])).toMatchObject({ state: 'handling', request: null });
    expect(run(asked, [[{ type: 'decide_request', approved: false }, street]])).toMatchObject({ state: 'handling', request: null });

    const pendingAtStreet = run(fresh(), [[{ type: 'escalate' }, community]]);
    const park = run(pendingAtStreet, [[{ type: 'request', kind: 'park' }, street]]);
    expect(park.request?.approver).toEqual({ kind: 'centre', level: 'county' });
    const parked = run(park, [[{ type: 'decide_request', approved: true }, county]]);
    expect(parked).toMatchObject({ state: 'parked', parkedFrom: 'pending' });
    refused(parked, { type: 'handle_self' }, street, /已挂账/);
    expect(run(parked, [[{ type: 'unpark' }, street]]).state).toBe('pending');

    const voided = run(fresh(), [[{ type: 'request', kind: 'void' }, community], [{ type: 'decide_request', approved: true }, street]]);
    expect(voided).toMatchObject({ state: 'voided', outcome: 'voided' });
    refused(voided, { type: 'rate', satisfied: 'satisfied' }, resident, /已作废/);
    expect(approverFor(run(fresh({ level: 'county' }), []), { kind: 'centre', level: 'county' })).toEqual({ kind: 'centre', level: 'city' });
    expect(run(fresh({ level: 'county' }), [[{ type: 'request', kind: 'void' }, county], [{ type: 'decide_request', approved: true }, city]]).state).toBe('voided');
  });

  it('reopens once on 不满意, back to the level that closed it', () => {
    const closed = run(fresh(), [
      [{ type: 'escalate' }, community],
      [{ type: 'handle_self' }, street],
      [{ type: 'report_result' }, street],
      [{ type: 'verify', passed: true }, worker],
      [{ type: 'feed_back' }, worker],
    ]);
    const reopened = run(closed, [[{ type: 'rate', satisfied: 'unsatisfied' }, resident]]);
    expect(reopened).toMatchObject({ state: 'pending', level: 'street', reopens: 1 });
    const again = run(reopened, [[{ type: 'handle_self' }, street], [{ type: 'report_result' }, street], [{ type: 'verify', passed: true }, worker], [{ type: 'feed_back' }, worker]]);
    expect(run(again, [[{ type: 'rate', satisfied: 'unsatisfied' }, resident]]).state).toBe('closed');
    expect(run(fresh({ resolvedOnSpot: true }), [[{ type: 'rate', satisfied: 'unsatisfied' }, resident]]).state).toBe('closed');
  });

  it('escalates an overdue matter one level, never beyond the county', () => {
    expect(run(fresh(), [[{ type: 'overdue' }, system]])).toMatchObject({ state: 'pending', level: 'street' });
    const handling = run(fresh(), [[{ type: 'dispatch', orgId: 'org-mz' }, community], [{ type: 'accept' }, unit]]);
    expect(run(handling, [[{ type: 'overdue' }, system]])).toMatchObject({ state: 'handling', level: 'street', handler: { kind: 'unit', orgId: 'org-mz' } });
    const atCounty = fresh({ level: 'county' });
    expect(run(atCounty, [[{ type: 'overdue' }, system]]).level).toBe('county');
    refused(atCounty, { type: 'overdue' }, county, /系统/);
    refused(run(fresh({ resolvedOnSpot: true }), []), { type: 'overdue' }, system, /已结案/);
    expect(run(fresh(), [[{ type: 'warn' }, system]])).toEqual(fresh());
  });

  it('names the step whose time limit runs in each state', () => {
    const s = fresh();
    expect(stepOf(s)).toBe('dispatch');
    expect(stepOf(run(s, [[{ type: 'handle_self' }, community]]))).toBe('handling');
    expect(stepOf({ ...s, state: 'verifying' })).toBe('verification');
    expect(stepOf({ ...s, state: 'feedback' })).toBe('feedback');
    expect(stepOf({ ...s, state: 'closed' })).toBeNull();
    expect(stepOf({ ...s, state: 'parked' })).toBeNull();
  });

  it('refuses every action from a state that does not allow it, and by anyone else', () => {
    const pending = fresh();
    const dispatched = run(pending, [[{ type: 'dispatch', orgId: 'org-mz' }, community]]);
    const handling = run(dispatched, [[{ type: 'accept' }, unit]]);
    const verifying = run(handling, [[{ type: 'report_result' }, unit]]);
    const feedback = run(verifying, [[{ type: 'verify', passed: true }, worker]]);
    const closed = run(feedback, [[{ type: 'feed_back' }, worker]]);
    const states = { pending, dispatched, handling, verifying, feedback, closed };
    // Which actions each state allows (for the right actor); everything else is refused from it.
    const allowedIn: Record<string, string[]> = {
      pending: ['handle_self', 'escalate', 'dispatch', 'merge', 'request', 'warn', 'overdue'],
      dispatched: ['accept', 'return', 'request', 'warn', 'overdue'],
      handling: ['report_result', 'request', 'warn', 'overdue'],
      verifying: ['verify', 'request', 'warn', 'overdue'],
      feedback: ['feed_back', 'request', 'warn', 'overdue'],
      closed: ['rate'],
    };
    const actions: [Action, Actor][] = [
      [{ type: 'handle_self' }, community],
      [{ type: 'escalate' }, community],
      [{ type: 'dispatch', orgId: 'org-x' }, community],
      [{ type: 'accept' }, unit],
      [{ type: 'return' }, unit],
      [{ type: 'report_result' }, unit],
      [{ type: 'verify', passed: true }, worker],
      [{ type: 'feed_back' }, worker],
      [{ type: 'merge' }, community],
      [{ type: 'unpark' }, community],
      [{ type: 'rate', satisfied: 'basically' }, resident],
      [{ type: 'warn' }, system],
      [{ type: 'overdue' }, system],
    ];
    for (const [name, s] of Object.entries(states)) {
      for (const [a, by] of actions) {
        const ok = transition(s, a, by).ok;
        expect(ok, `${a.type} in ${name}`).toBe(allowedIn[name].includes(a.type));
      }
    }
    // The right state, the wrong actor.
    refused(pending, { type: 'handle_self' }, street, /社区（村）/);
    refused(pending, { type: 'dispatch', orgId: 'x' }, unit, /社区（村）/);
    refused(dispatched, { type: 'accept' }, otherUnit, /被派遣的单位/);
    refused(dispatched, { type: 'return' }, community, /被派遣的单位/);
    refused(handling, { type: 'report_result' }, community, /承办的单位/);
    refused(verifying, { type: 'verify', passed: true }, community, /网格员/);
    refused(feedback, { type: 'feed_back' }, unit, /网格员/);
    refused(closed, { type: 'rate', satisfied: 'satisfied' }, worker, /反映人/);
    refused(handling, { type: 'request', kind: 'extension' }, otherUnit, /当前承办方/);
    refused(run(fresh({ level: 'county' }), []), { type: 'escalate' }, county, /最高处置层级/);
    refused(pending, { type: 'decide_request', approved: true }, street, /没有待审批/);
    refused(pending, { type: 'request', kind: 'extension' }, community, /待处置/);
  });
});
