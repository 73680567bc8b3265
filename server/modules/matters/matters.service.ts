import { AppError } from '../../../common/app-error';
import { significantPrefix } from '../../../common/domain/division-code';
import { matterStateLabels, transition, type FlowState } from '../../../common/domain/matter-flow';
import { toWgs84 } from '../../../common/geo/crs';
import type { ActInput, IntakeInput, MatterListQuery } from '../../../common/schemas/matters';
import type { MatterRow } from '../../db/tables';
import { dayOf } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { runDueJobs } from '../../jobs/runner';
import { readGps, type Photos } from '../../lib/photos';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import { organisationsRepo } from '../organisations/organisations.repo';
import { staffRepo } from '../staff/staff.repo';
import { gridsRepo } from '../territory/grids.repo';
import { act, availableActions } from './matter-actions';
import { flowActorFor } from './matter-actor';
import { startPeriod } from './matter-deadlines';
import { recordEvent } from './matter-events';
import { createMatter, placeOf, reporterFor, typeOf, type IntakeDeps } from './matter-intake';
import { createMatterNumbers } from './matter-numbers';
import { createMatterWriter } from './matter-writer';
import { matterJobHandlers } from './matter-sweep';
import { presentEvent, presentReporter, presentSummary, publicProgress, publicState } from './matters.presenter';
import { mattersRepo, type MatterFilter } from './matters.repo';

/** What intake needs (its numbers and its writer are made here), and the photo store. */
export interface MattersDeps extends Omit<IntakeDeps, 'numbers' | 'writer'> {
  photos: Photos;
}

/** Duplicates: the same type, open, within this distance and these days. */
const DUPLICATE_METRES = 200;
const DUPLICATE_DAYS = 7;
/** Photos uploaded before a report must be used within this time. */
const UPLOAD_MAX_AGE_MS = 24 * 3600_000;

/**
 * The matters loop (Art. 14–16, 19, 21, 26): intake by grid workers, departments, the hotline and
 * residents; first-inquiry responsibility; the ladder; deadlines; verification; feedback and
 * satisfaction. Every transition is an event in matter_events (append-only), which is the
 * matter's history and the source of later assessment figures; reading a reporter's phone in full is
 * written to the audit log.
 */
export function createMattersService(deps: MattersDeps) {
  const { db, clock, tree } = deps;
  const now = () => clock.now();
  const intake = { ...deps, numbers: createMatterNumbers(db), writer: createMatterWriter(db) };
  const handlers = matterJobHandlers(deps);

  async function uploadsFor(ids: string[], owner: { userId?: string | null; address?: string | null }) {
    if (ids.length === 0) return [];
    if (new Set(ids).size !== ids.length) throw new AppError('invalid', '同一张照片提交了两次');
    const rows = await mattersRepo.uploads(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((k) => {
      const u = byId.get(k);
      const mine = u && ((owner.userId && u.uploaded_by === owner.userId) || (!owner.userId && owner.address && u.uploader_address === owner.address && !u.uploaded_by));
      if (!u || !mine) throw new AppError('invalid', '照片不存在或不是您上传的，请重新上传');
      if (u.used_by) throw new AppError('invalid', '照片已用于其他事项，请重新上传');
      if (now().getTime() - new Date(u.at).getTime() > UPLOAD_MAX_AGE_MS) throw new AppError('invalid', '照片上传已超过 24 小时，请重新上传');
      return u;
    });
  }

  /** What a user sees of a matter at all (not yet what they may do). */
  async function mayRead(user: Actor, m: MatterRow): Promise<boolean> {
    if (await flowActorFor(deps, user, m)) return user.role !== 'department' || (await mattersRepo.everSentTo(db, m.id, user.orgId ?? '-'));
    if (user.role === 'grid_worker' || user.role === 'grid_head') {
      const staff = await staffRepo.byUserId(db, user.id);
      return !!staff && m.reporter_staff_id === staff.id;
    }
    return false;
  }

  async function mustRead(user: Actor, id: string): Promise<MatterRow> {
    const m = await mattersRepo.byId(db, id);
    if (!m || !(await mayRead(user, m))) throw new AppError('not_found', '没有这个事项，或它不在您的管辖范围内');
    return m;
  }

  /** Those who must call the reporter back see the phone in full: the current handler and the grid's worker when it is their turn. */
  async function mayCallBack(user: Actor, m: MatterRow): Promise<boolean> {
    const who = await flowActorFor(deps, user, m);
    if (!who) return false;
    const flow = m.flow as FlowState;
    if (who.actor.kind === 'worker') return m.state === 'feedback' || m.state === 'verifying';
    if (who.actor.kind === 'unit') return flow.handler?.kind === 'unit' && flow.handler.orgId === who.actor.orgId;
    if (who.actor.kind === 'centre') return (m.state === 'pending' && flow.level === who.actor.level) || (flow.handler?.kind === 'centre' && flow.handler.level === who.actor.level);
    return false;
  }

  /** The rows a user's list shows: their scope (or a division within it), the filters, their queue. */
  async function filterFor(user: Actor, q: Omit<MatterListQuery, 'limit' | 'offset'>): Promise<Omit<MatterFilter, 'limit' | 'offset'>> {
    const own = user.scopeCode ? significantPrefix(user.scopeCode) : null;
    if (!own) throw new AppError('forbidden', '您的账号没有管辖范围');
    let prefix = own;
    if (q.within) {
      if (!inScope(user, q.within)) throw new AppError('forbidden', '所选区域不在您的管辖范围内');
      prefix = significantPrefix(q.within);
    }
    const states: MatterRow['state'][] | undefined =
      q.state === 'all' ? undefined : q.state === 'open' ? ['pending', 'dispatched', 'handling', 'verifying', 'feedback', 'parked'] : [q.state];
    const f: Omit<MatterFilter, 'limit' | 'offset'> = { prefix, states, mark: q.mark, typeCode: q.typeCode, since: q.since ? new Date(q.since) : undefined, q: q.q || undefined, now: now() };
    if (user.role === 'department') f.sentToOrgId = user.orgId ?? '-';
    if (user.role === 'grid_worker' || user.role === 'grid_head') {
      const staff = await staffRepo.byUserId(db, user.id);
      if (!staff) throw new AppError('forbidden', '您的账号没有关联网格人员档案');
      const serving = await staffRepo.assignmentsOf(db, [staff.id], dayOf(now()));
      f.worker = { staffId: staff.id, gridIds: serving.map((a) => a.grid_id) };
      if (q.queue === 'mine') f.queue = { gridIds: serving.map((a) => a.grid_id) };
    } else if (q.queue === 'mine') {
      const levels = { city_centre: 'city', county_centre: 'county', street_centre: 'street', community_station: 'community' } as const;
      const level = levels[user.role as keyof typeof levels];
      f.queue = user.role === 'department' ? { handlerOrgId: user.orgId ?? '-' } : level ? { levels: [{ level, prefix }] } : {};
    }
    return f;
  }

  return {
    /** Gives back the matter numbers this process reserved and did not use (when the platform stops). */
    close: () => intake.numbers.close(),

    /** Intake by a signed-in user: a grid worker on the phone, a department, a centre or a 12345 operator. */
    async report(user: Actor, input: IntakeInput) {
      const place = await placeOf(deps, input);
      const reporter = await reporterFor(deps, user, input, place);
      const photos = await uploadsFor(input.photoKeys, { userId: user.id });
      const r = await createMatter(intake, reporter, input, photos, place);
      return { created: r.created, matter: presentSummary({ ...r.matter, grid_code: place.gridCode }, tree, now()), trackingCode: r.matter.tracking_code };
    },

    /** A resident's report, without login, from a grid's QR link or the public site (rate-limited by the route). */
    async residentReport(address: string, input: { typeCode: string; description: string; phone?: string; location?: IntakeInput['location']; address?: string; photoKeys: string[]; clientKey?: string }, gridCode?: string) {
      const place = await placeOf(deps, { location: input.location, gridCode: input.location ? undefined : gridCode });
      const photos = await uploadsFor(input.photoKeys, { address });
      const reporter = {
        source: 'resident' as const,
        actor: { kind: 'reporter' as const, user: null, name: input.phone ? '群众（留有电话）' : '群众（匿名）', orgId: null, division: null },
        userId: null,
        staffId: null,
        name: null,
        phone: input.phone ?? null,
        anonymous: !input.phone,
      };
      const r = await createMatter(intake, reporter, { clientKey: input.clientKey, typeCode: input.typeCode, description: input.description, location: input.location, gridCode: input.location ? undefined : gridCode, address: input.address, resolvedOnSpot: false }, photos, place);
      return { created: r.created, number: r.matter.number, trackingCode: r.matter.tracking_code };
    },

    async act(user: Actor, id: string, input: ActInput) {
      const keys = 'photoKeys' in input ? input.photoKeys : [];
      const photos = await uploadsFor(keys, { userId: user.id });
      const m = await act(deps, user, id, input, photos);
      return this.detail(user, m.id);
    },

    async list(user: Actor, q: MatterListQuery) {
      const f = await filterFor(user, q);
      const rows = await mattersRepo.list(db, { ...f, limit: q.limit, offset: q.offset });
      const total = rows.length < q.limit && q.offset === 0 ? rows.length : await mattersRepo.count(db, f);
      // A worker's list mixes their grids' matters with the ones they reported: say which is which.
      const mine = (r: (typeof rows)[number]) => (f.worker ? { reportedByMe: r.reporter_staff_id === f.worker.staffId } : {});
      return { items: rows.map((r) => ({ ...presentSummary(r, tree, now()), ...mine(r) })), total };
    },

    /** The desk's tabs in one call: how many matters of the list's filters are in each state, all and in my queue. */
    async counts(user: Actor, q: Pick<MatterListQuery, 'within' | 'mark' | 'typeCode' | 'since' | 'q'>) {
      const all = await filterFor(user, { ...q, state: 'all', queue: 'all' });
      const mine = await filterFor(user, { ...q, state: 'all', queue: 'mine' });
      const [a, m] = await Promise.all([mattersRepo.countByState(db, all), mattersRepo.countByState(db, mine)]);
      const byState = Object.fromEntries(Object.keys(matterStateLabels).map((k) => [k, 0])) as Record<MatterRow['state'], number>;
      const mineByState = { ...byState };
      for (const r of a) byState[r.state] = r.n;
      for (const r of m) mineByState[r.state] = r.n;
      return { byState, mineByState };
    },

    async detail(user: Actor, id: string) {
      const m = await mustRead(user, id);
      const who = await flowActorFor(deps, user, m);
      const events = await mattersRepo.events(db, id);
      const photos = await mattersRepo.photos(db, id);
      const type = await typeOf(deps, m);
      const original = m.merged_into ? await mattersRepo.byId(db, m.merged_into) : undefined;
      return {
        matter: {
          ...presentSummary(m, tree, now()),
          address: m.address,
          locationNote: m.location_note,
          catalogueVersion: type.version,
          typePath: type.path,
          needsVerification: (m.flow as FlowState).needsVerification,
          needsFeedback: (m.flow as FlowState).needsFeedback,
          defaultSector: type.defaultSector,
          mergedInto: original ? { id: original.id, number: original.number } : null,
        },
        reporter: presentReporter(m, false),
        mayCallBack: await mayCallBack(user, m),
        actions: who ? availableActions(m.flow as FlowState, who.actor) : [],
        timeline: events.map(presentEvent),
        photos: photos.map((p) => ({ id: p.id, eventSeq: p.event_seq, width: p.width, height: p.height })),
        duplicates: (await mattersRepo.mergedInto(db, id)).map((d) => ({ id: d.id, number: d.number })),
      };
    },

    /** The reporter's phone in full, for who must call back; audited with the reason. */
    async reporterPhone(user: Actor, id: string, reason: string) {
      const m = await mustRead(user, id);
      if (!(await mayCallBack(user, m))) throw new AppError('forbidden', '只有当前承办方和负责反馈的网格员可以查看反映人完整电话');
      await db.transaction().execute((tx) => writeAudit(tx, clock, user, { action: 'matter.reporter_phone', entity: 'matter', entityId: id, after: { reason } }));
      return { phone: m.reporter_phone };
    },

    /** Possible duplicates shown before submitting: the same type, still open, nearby, recent. */
    async duplicates(user: Actor, q: { typeCode: string; lng: number; lat: number; crs: 'wgs84' | 'cgcs2000' | 'gcj02' }) {
      requirePermission(user, 'grid.read', '查看事项');
      const [x, y] = q.crs === 'gcj02' ? toWgs84(q.lng, q.lat, 'gcj02') : [q.lng, q.lat];
      const dLat = DUPLICATE_METRES / 111_320;
      const dLng = dLat / Math.cos((y * Math.PI) / 180);
      const rows = await mattersRepo.nearbyOpen(db, q.typeCode, [x - dLng, y - dLat, x + dLng, y + dLat], new Date(now().getTime() - DUPLICATE_DAYS * 86400_000));
      return {
        items: rows
          .filter((r) => user.scopeCode && inScope(user, r.division_code))
          .map((r) => ({ id: r.id, number: r.number, typeName: r.type_name, description: r.description.slice(0, 80), state: r.state, createdAt: new Date(r.created_at).toISOString(), distanceM: Math.round(Math.hypot((r.lng! - x) / dLng, (r.lat! - y) / dLat) * DUPLICATE_METRES) })),
      };
    },

    /** The public tracking page's data: progress in plain words, nothing internal (Art. 21). */
    async tracking(code: string) {
      if (!/^[A-Z2-9]{12}$/.test(code)) return null;
      const m = await mattersRepo.byTrackingCode(db, code);
      if (!m) return null;
      const shown = m.merged_into ? ((await mattersRepo.byId(db, m.merged_into)) ?? m) : m;
      const events = await mattersRepo.events(db, shown.id);
      const mayRate = m.state === 'closed' && !m.merged_into && (m.flow as FlowState).outcome !== 'resolved_on_spot' && !m.rated_at;
      return {
        number: m.number,
        typeName: m.type_name,
        place: tree.path(m.division_code).slice(1).map((p) => p.name).join(''),
        createdAt: new Date(m.created_at).toISOString(),
        state: shown.state,
        stateText: publicState(m, shown),
        mergedInto: m.merged_into ? shown.number : null,
        progress: publicProgress(events),
        rating: m.rating,
        mayRate,
        /** 不满意 reopens a matter once only. */
        mayReopen: (m.flow as FlowState).reopens === 0,
        /** The grid it lies in (printed on the grid's board anyway): the tracking page links to its notice. */
        gridCode: shown.grid_id ? ((await gridsRepo.byId(db, shown.grid_id))?.code ?? null) : null,
      };
    },

    /** The resident's rating on the tracking page; 不满意 with a reason reopens once (Art. 26). */
    async rate(code: string, input: { rating: 'satisfied' | 'basically' | 'unsatisfied'; reason?: string }) {
      if (!/^[A-Z2-9]{12}$/.test(code)) throw new AppError('not_found', '查无此件');
      const probe = await mattersRepo.byTrackingCode(db, code);
      if (!probe) throw new AppError('not_found', '查无此件');
      if (input.rating === 'unsatisfied' && (!input.reason || input.reason.length < 2)) throw new AppError('bad_request', '请写明不满意的原因');
      const calendar = await deps.calendars.calendarFor(probe.county_code);
      await db.transaction().execute(async (tx) => {
        const m = (await mattersRepo.byIdForUpdate(tx, probe.id))!;
        if (m.state !== 'closed' || m.merged_into) throw new AppError('conflict', '事项办结后才能评价');
        if (m.rated_at) throw new AppError('conflict', '您已评价过本次办理结果');
        const before = m.flow as FlowState;
        const r = transition(before, { type: 'rate', satisfied: input.rating }, { kind: 'resident' });
        if (!r.ok) throw new AppError('conflict', r.reason);
        const reopened = r.next.state !== 'closed';
        const resident = { kind: 'resident' as const, user: null, name: '反映人', orgId: null, division: null };
        const rated = await recordEvent(tx, clock, m, {
          kind: 'rate',
          before,
          after: before,
          actor: resident,
          reason: input.reason ?? null,
          data: { rating: input.rating },
          extra: { rating: input.rating, rated_at: now() },
        });
        if (reopened) {
          const period = await startPeriod(tx, m.id, r.next, await typeOf(deps, m), calendar, now(), rated.deadline_rev);
          // The reopened round gets a rating of its own; the first one stays in the events.
          await recordEvent(tx, clock, rated, { kind: 'reopen', before, after: r.next, actor: resident, reason: input.reason ?? null, data: { level: r.next.level }, period, extra: { rating: null, rated_at: null } });
        }
      });
      return this.tracking(code);
    },

    /** A grid worker refuses a task outside the published catalogue (Art. 16): recorded, visible to the street centre. */
    async refuseTask(user: Actor, input: { askedBy: string; askerOrgCode?: string; description: string; reason: string }) {
      const staff = await staffRepo.byUserId(db, user.id);
      if (!staff) throw new AppError('forbidden', '您的账号没有关联网格人员档案');
      const org = input.askerOrgCode ? await organisationsRepo.byCode(db, input.askerOrgCode) : undefined;
      if (input.askerOrgCode && !org) throw new AppError('invalid', `没有编码为 ${input.askerOrgCode} 的单位`);
      const id = newId(now().getTime());
      await db.transaction().execute(async (tx) => {
        await mattersRepo.insertRefusal(tx, { id, staff_id: staff.id, township_code: staff.township_code, asked_by: input.askedBy, asker_org_id: org?.id ?? null, description: input.description, reason: input.reason, recorded_by: user.id, at: now() });
        await writeAudit(tx, clock, user, { action: 'task.refuse', entity: 'task_refusal', entityId: id, after: { askedBy: input.askedBy } });
      });
      return { id };
    },

    async refusals(user: Actor) {
      if (!['street_centre', 'county_centre', 'city_centre'].includes(user.role) || !user.scopeCode) throw new AppError('forbidden', '由街道（乡镇）及以上网格化管理服务机构查看');
      const rows = await mattersRepo.refusals(db, significantPrefix(user.scopeCode));
      return { items: rows.map((r) => ({ id: r.id, worker: r.staff_name, askedBy: r.asked_by, description: r.description, reason: r.reason, at: new Date(r.at).toISOString(), townshipName: tree.get(r.township_code)?.name ?? r.township_code })) };
    },

    /**
     * Runs the deadline jobs due now, or as of `at` (`deadlines sweep --at`): the jobs due by then
     * run, and their events carry that time.
     */
    async sweep(opts: { batch?: number; at?: Date } = {}) {
      // A calendar changed by another process is recounted on this process's copy: follow it first
      // (outside the jobs' transactions, which must not wait for another connection).
      await deps.calendars.refresh?.();
      if (!opts.at) return runDueJobs(db, clock, handlers, opts);
      const at = opts.at;
      const asOf = { now: () => at };
      return runDueJobs(db, asOf, matterJobHandlers({ ...deps, clock: asOf }), opts);
    },

    /**
     * One photo of a report or a result, uploaded on its own (weak connections: each photo is one
     * short request, retried alone), re-encoded without metadata; its id goes with the report.
     */
    async uploadPhoto(owner: { user: Actor | null; address: string }, bytes: Uint8Array) {
      const p = await deps.photos.store(bytes);
      // Where the camera says it was taken: kept as data (the stored file has no metadata), and
      // offered to the report form when the phone's own location is not available.
      const taken = await readGps(bytes);
      const id = newId(now().getTime());
      await mattersRepo.insertUpload(db, { id, key: p.key, thumb_key: p.thumbKey, width: p.width, height: p.height, bytes: p.bytes, sha256: p.sha256, taken_lng: taken?.lng ?? null, taken_lat: taken?.lat ?? null, uploaded_by: owner.user?.id ?? null, uploader_address: owner.user ? null : owner.address, used_by: null, at: now() });
      return { id, width: p.width, height: p.height, bytes: p.bytes, takenAt: taken ? { lng: taken.lng, lat: taken.lat } : null };
    },

    /** A stored photo of a matter, for who may read the matter. */
    async photo(user: Actor, matterId: string, photoId: string) {
      await mustRead(user, matterId);
      const p = await mattersRepo.photo(db, matterId, photoId);
      if (!p) throw new AppError('not_found', '没有这张照片');
      return p;
    },

  };
}
export type MattersService = ReturnType<typeof createMattersService>;
