import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/app-error';
import { CERTIFICATE_YEARS, certificateStatusLabels, courseKindLabels, staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import type { Database } from '../../db/client';
import { lockForTransaction } from '../../db/locks';
import type { StaffRow } from '../../db/tables';
import { dayOf, type Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { certificationRepo } from './certification.repo';
import { managesStaff, scopePrefix } from './staff.policy';
import { staffRepo } from './staff.repo';

export interface CertificationDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
}

const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
/** 26 characters of base32: 130 random bits, unguessable, and easy to type from a damaged QR code. */
export function newRef(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('');
}

export type Eligibility = { ok: true } | { ok: false; reason: string };

/**
 * Training, certification and work IDs (Art. 16, 27): the street centre trains before the job,
 * a worker who passes is certified (持证上岗), a certificate can be suspended or revoked, and only a
 * certified worker can be given matters. The county issues the work ID; its QR code carries an
 * unguessable, revocable reference that anyone can check at /v/{ref}.
 */
export function createCertificationService({ db, clock, tree }: CertificationDeps) {
  const today = () => dayOf(clock.now());

  async function mustGetStaff(id: string): Promise<StaffRow> {
    const s = await staffRepo.byId(db, id);
    if (!s) throw new AppError('not_found', '没有这名人员');
    return s;
  }

  async function issueCertificate(tx: Database, actor: Actor, staff: StaffRow, courseId: string | null, issuedOn: string) {
    await lockForTransaction(tx, 'certificates');
    const prefix = `${staff.county_code.slice(0, 6)}-${issuedOn.slice(0, 4)}-`;
    const number = `${prefix}${String((await certificationRepo.issuedCount(tx, prefix)) + 1).padStart(5, '0')}`;
    const id = newId(clock.now().getTime());
    await certificationRepo.insertCertificate(tx, {
      id,
      staff_id: staff.id,
      number,
      course_id: courseId,
      issued_on: issuedOn,
      expires_on: addYears(issuedOn, CERTIFICATE_YEARS),
      status: 'valid',
      status_reason: null,
      status_at: clock.now(),
      issued_by: actor.id,
    });
    await certificationRepo.insertEvent(tx, { id: newId(clock.now().getTime()), certificate_id: id, kind: 'issued', reason: null, at: clock.now(), by_user: actor.id });
    await writeAudit(tx, clock, actor, { action: 'certificate.issue', entity: 'staff', entityId: staff.id, after: { number, issuedOn } });
    return number;
  }

  /** Whether a person is certified and serving on `day`: the rule the matters loop relies on. */
  async function eligibility(staffId: string, day: string): Promise<Eligibility> {
    const staff = await staffRepo.byId(db, staffId);
    if (!staff) return { ok: false, reason: '没有这名人员' };
    if (staff.status !== 'active') return { ok: false, reason: `${staff.name}已退出` };
    if ((await staffRepo.assignmentsOf(db, [staffId], day)).length === 0) return { ok: false, reason: `${staff.name}当前没有任职的网格` };
    const certs = await certificationRepo.certificatesOf(db, [staffId]);
    if (certs.some((c) => c.status === 'valid' && c.issued_on <= day && c.expires_on > day)) return { ok: true };
    const latest = certs[0];
    if (!latest) return { ok: false, reason: `${staff.name}尚未通过岗前培训取得上岗证，不能承办事项` };
    if (latest.status !== 'valid') return { ok: false, reason: `${staff.name}的上岗证已${certificateStatusLabels[latest.status]}（${latest.status_reason ?? ''}），不能承办事项` };
    return { ok: false, reason: `${staff.name}的上岗证已于 ${latest.expires_on} 到期，不能承办事项` };
  }

  function requireTrainingScope(actor: Actor, townshipCode: string) {
    requirePermission(actor, 'training.manage', '组织培训');
    if (!inScope(actor, townshipCode)) throw new AppError('forbidden', `${tree.get(townshipCode)?.name ?? townshipCode}不在您的管辖范围内`);
  }

  async function changeStatus(actor: Actor, certificateId: string, to: 'valid' | 'suspended' | 'revoked', reason: string) {
    const cert = await certificationRepo.certificate(db, certificateId);
    if (!cert) throw new AppError('not_found', '没有这张上岗证');
    const staff = await mustGetStaff(cert.staff_id);
    requireTrainingScope(actor, staff.township_code);
    if (cert.status === 'revoked') throw new AppError('conflict', '上岗证已吊销，不能再变更');
    if (to === 'valid' && cert.status !== 'suspended') throw new AppError('conflict', '只有暂停中的上岗证可以恢复');
    if (to === 'suspended' && cert.status !== 'valid') throw new AppError('conflict', '只有有效的上岗证可以暂停');
    const kind = to === 'valid' ? 'reinstated' : to;
    await db.transaction().execute(async (tx) => {
      await certificationRepo.setStatus(tx, cert.id, to, to === 'valid' ? null : reason, clock.now());
      await certificationRepo.insertEvent(tx, { id: newId(clock.now().getTime()), certificate_id: cert.id, kind, reason, at: clock.now(), by_user: actor.id });
      // A worker whose certificate is suspended or revoked no longer shows a valid work ID.
      await writeAudit(tx, clock, actor, { action: `certificate.${kind}`, entity: 'staff', entityId: staff.id, before: { status: cert.status }, after: { status: to, reason } });
    });
  }

  async function workIdValidity(staff: StaffRow, w: { revoked_at: Date | null; expires_on: string }, day: string): Promise<{ valid: boolean; reason: string | null }> {
    if (w.revoked_at) return { valid: false, reason: '工作证已注销' };
    if (w.expires_on <= day) return { valid: false, reason: '工作证已过期' };
    if (staff.status !== 'active') return { valid: false, reason: '持证人已不再担任网格职务' };
    const e = await eligibility(staff.id, day);
    if (!e.ok) return { valid: false, reason: '持证人当前不具备上岗资格' };
    return { valid: true, reason: null };
  }

  return {
    eligibility,

    /** The service method the matters loop calls: refuses with the reason when the person may not take matters. */
    async requireEligible(staffId: string, at: Date = clock.now()): Promise<void> {
      const e = await eligibility(staffId, dayOf(at));
      if (!e.ok) throw new AppError('invalid', e.reason);
    },

    async createCourse(actor: Actor, input: { name: string; kind: 'pre_job' | 'in_service'; townshipCode: string; startsOn: string; endsOn: string; hours: number; location?: string | null }) {
      const township = tree.get(input.townshipCode);
      if (!township || !managesStaff(township)) throw new AppError('invalid', `${input.townshipCode} 不是街道（乡镇）或特定管理区域的区划代码`);
      requireTrainingScope(actor, township.code);
      if (input.endsOn < input.startsOn) throw new AppError('invalid', '培训结束日期早于开始日期');
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (tx) => {
        await certificationRepo.insertCourse(tx, {
          id,
          name: input.name,
          kind: input.kind,
          township_code: township.code,
          county_code: tree.countyOf(township.code)!.code,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          hours: input.hours,
          location: input.location ?? null,
          created_by: actor.id,
          created_at: clock.now(),
        });
        await writeAudit(tx, clock, actor, { action: 'training.course', entity: 'training_course', entityId: id, after: { name: input.name, kind: input.kind, townshipCode: township.code } });
      });
      return { id };
    },

    async courses(actor: Actor, within?: string) {
      requirePermission(actor, 'staff.read', '查看培训');
      const own = scopePrefix(actor);
      if (!own) return { items: [] };
      const prefix = within ? scopePrefix({ ...actor, scopeCode: within }) : own;
      if (!prefix || !prefix.startsWith(own)) throw new AppError('forbidden', '所选区域不在您的管辖范围内');
      const rows = await certificationRepo.courses(db, prefix);
      return {
        items: rows.map((c) => ({
          id: c.id,
          name: c.name,
          kind: c.kind,
          kindLabel: courseKindLabels[c.kind],
          townshipCode: c.township_code,
          townshipName: tree.get(c.township_code)?.name ?? c.township_code,
          startsOn: c.starts_on,
          endsOn: c.ends_on,
          hours: c.hours,
          location: c.location,
          enrolled: Number(c.enrolled ?? 0),
          passed: Number(c.passed ?? 0),
        })),
      };
    },

    async course(actor: Actor, id: string) {
      requirePermission(actor, 'staff.read', '查看培训');
      const c = await certificationRepo.course(db, id);
      if (!c || !inScope(actor, c.township_code)) throw new AppError('not_found', '没有这个培训班');
      const att = await certificationRepo.attendance(db, id);
      return {
        course: { id: c.id, name: c.name, kind: c.kind, kindLabel: courseKindLabels[c.kind], townshipCode: c.township_code, townshipName: tree.get(c.township_code)?.name ?? c.township_code, startsOn: c.starts_on, endsOn: c.ends_on, hours: c.hours, location: c.location },
        attendance: att.map((a) => ({ staffId: a.staff_id, name: a.name, attended: a.attended, passed: a.passed, score: a.score })),
      };
    },

    /**
     * Records who attended and passed. Passing a pre-job course certifies a worker who holds no
     * certificate in force (numbered per county and year, valid for three years).
     */
    async recordAttendance(actor: Actor, courseId: string, records: { staffId: string; attended: boolean; passed: boolean; score?: number | null }[]) {
      const c = await certificationRepo.course(db, courseId);
      if (!c) throw new AppError('not_found', '没有这个培训班');
      requireTrainingScope(actor, c.township_code);
      if (c.ends_on > today()) throw new AppError('invalid', `培训班 ${c.ends_on} 结束后才能登记考核结果`);
      const issued: string[] = [];
      await db.transaction().execute(async (tx) => {
        for (const r of records) {
          if (r.passed && !r.attended) throw new AppError('invalid', '未参加培训的人员不能登记为合格');
          const staff = await staffRepo.byId(tx, r.staffId);
          if (!staff) throw new AppError('not_found', `没有编号为 ${r.staffId} 的人员`);
          if (staff.county_code !== c.county_code) throw new AppError('invalid', `${staff.name}不属于${tree.get(c.county_code)?.name}，不能登记在此培训班`);
          await certificationRepo.upsertAttendance(tx, { course_id: courseId, staff_id: staff.id, attended: r.attended, passed: r.passed, score: r.score ?? null, recorded_by: actor.id, recorded_at: clock.now() });
          if (c.kind === 'pre_job' && r.passed) {
            const held = await certificationRepo.certifiedOn(tx, [staff.id], c.ends_on);
            const all = await certificationRepo.certificatesOf(tx, [staff.id]);
            if (!held.has(staff.id) && !all.some((x) => x.course_id === courseId)) issued.push(`${staff.name}：${await issueCertificate(tx, actor, staff, courseId, c.ends_on)}`);
          }
        }
        await writeAudit(tx, clock, actor, { action: 'training.attendance', entity: 'training_course', entityId: courseId, after: { records: records.length, certified: issued.length } });
      });
      return { recorded: records.length, certificatesIssued: issued };
    },

    suspend: (actor: Actor, certificateId: string, reason: string) => changeStatus(actor, certificateId, 'suspended', reason),
    reinstate: (actor: Actor, certificateId: string, reason: string) => changeStatus(actor, certificateId, 'valid', reason),
    revoke: (actor: Actor, certificateId: string, reason: string) => changeStatus(actor, certificateId, 'revoked', reason),

    /** Training, certificates (with their history) and work IDs of a person, for the person's page. */
    async recordOf(actor: Actor, staffId: string) {
      requirePermission(actor, 'staff.read', '查看网格人员');
      const staff = await mustGetStaff(staffId);
      const certs = await certificationRepo.certificatesOf(db, [staffId]);
      const events = await certificationRepo.eventsOf(db, certs.map((c) => c.id));
      const day = today();
      const ids = await certificationRepo.workIdsOf(db, staffId);
      return {
        eligibility: await eligibility(staffId, day),
        training: (await certificationRepo.trainingOf(db, staffId)).map((t) => ({ courseId: t.id, name: t.name, kind: t.kind, kindLabel: courseKindLabels[t.kind], startsOn: t.starts_on, endsOn: t.ends_on, hours: t.hours, attended: t.attended, passed: t.passed, score: t.score })),
        certificates: certs.map((c) => ({
          id: c.id,
          number: c.number,
          issuedOn: c.issued_on,
          expiresOn: c.expires_on,
          status: c.status,
          statusLabel: certificateStatusLabels[c.status],
          statusReason: c.status_reason,
          events: events.filter((e) => e.certificate_id === c.id).map((e) => ({ kind: e.kind, reason: e.reason, at: new Date(e.at).toISOString(), by: e.by_name })),
        })),
        workIds: await Promise.all(
          ids.map(async (w) => ({ id: w.id, issuedOn: w.issued_on, expiresOn: w.expires_on, revokedAt: w.revoked_at ? new Date(w.revoked_at).toISOString() : null, revokedReason: w.revoked_reason, ...(await workIdValidity(staff, w, day)) })),
        ),
      };
    },

    /** Issues a work ID (the county centre, Art. 27); an earlier one still in use is revoked. */
    async issueWorkId(actor: Actor, staffId: string) {
      requirePermission(actor, 'workid.issue', '发放工作证');
      const staff = await mustGetStaff(staffId);
      if (!inScope(actor, staff.county_code)) throw new AppError('forbidden', '该人员不在您的管辖范围内');
      const day = today();
      const e = await eligibility(staffId, day);
      if (!e.ok) throw new AppError('invalid', `不能发放工作证：${e.reason}`);
      const certs = await certificationRepo.certificatesOf(db, [staffId]);
      const cert = certs.find((c) => c.status === 'valid' && c.issued_on <= day && c.expires_on > day)!;
      const ref = newRef();
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (tx) => {
        await certificationRepo.revokeWorkIdsOf(tx, staffId, clock.now(), '换发新证');
        await certificationRepo.insertWorkId(tx, { id, staff_id: staffId, ref, issued_on: day, expires_on: cert.expires_on, revoked_at: null, revoked_reason: null, issued_by: actor.id, created_at: clock.now() });
        await writeAudit(tx, clock, actor, { action: 'work_id.issue', entity: 'staff', entityId: staffId, after: { workId: id, expiresOn: cert.expires_on } });
      });
      return { id, ref };
    },

    async revokeWorkId(actor: Actor, workId: string, reason: string) {
      requirePermission(actor, 'workid.issue', '注销工作证');
      const w = await certificationRepo.workId(db, workId);
      if (!w) throw new AppError('not_found', '没有这张工作证');
      const staff = await mustGetStaff(w.staff_id);
      if (!inScope(actor, staff.county_code)) throw new AppError('forbidden', '该人员不在您的管辖范围内');
      if (w.revoked_at) throw new AppError('conflict', '工作证已注销');
      await db.transaction().execute(async (tx) => {
        await certificationRepo.revokeWorkId(tx, workId, clock.now(), reason);
        await writeAudit(tx, clock, actor, { action: 'work_id.revoke', entity: 'staff', entityId: staff.id, after: { workId, reason } });
      });
    },

    /**
     * What the public verification page shows for a scanned work ID: name, kind, the grids served
     * today and whether the ID is valid now — nothing more (no ID number, no phone).
     */
    async verify(ref: string) {
      if (!/^[a-z2-9]{26}$/.test(ref)) return null;
      const w = await certificationRepo.workIdByRef(db, ref);
      if (!w) return null;
      const staff = await mustGetStaff(w.staff_id);
      const day = today();
      const serving = await staffRepo.assignmentsOf(db, [staff.id], day);
      const roles = [...new Set(serving.map((a) => staffRoleLabels[a.role as StaffRole]))];
      return {
        name: staff.name,
        roles,
        grids: serving.map((a) => ({ code: a.grid_code, name: a.grid_name ?? a.grid_code })),
        county: tree.get(staff.county_code)?.name ?? '',
        expiresOn: w.expires_on,
        checkedAt: clock.now(),
        ...(await workIdValidity(staff, w, day)),
      };
    },

    /** The signed-in worker's own current work ID, to show on the phone. */
    async ownWorkId(actor: Actor) {
      const staff = await staffRepo.byUserId(db, actor.id);
      if (!staff) throw new AppError('not_found', '您的账号没有关联网格人员档案，请联系所在街道（乡镇）网格化管理服务中心');
      const ids = await certificationRepo.workIdsOf(db, staff.id);
      const current = ids.find((w) => !w.revoked_at);
      if (!current) throw new AppError('not_found', '您还没有工作证，请联系县级网格化管理服务中心发放');
      const day = today();
      return { staffId: staff.id, name: staff.name, ref: current.ref, issuedOn: current.issued_on, expiresOn: current.expires_on, ...(await workIdValidity(staff, current, day)) };
    },
  };
}
export type CertificationService = ReturnType<typeof createCertificationService>;
