import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { AppError } from '../../../../common/app-error';
import type { StaffRole } from '../../../../common/domain/staff';
import type { Database } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { newId } from '../../../lib/ids';
import { requirePermission } from '../../access/access.policy';
import type { Actor } from '../../access/actor';
import { writeAudit } from '../../audit/audit.service';
import type { DivisionTree } from '../../territory/division-tree';
import { importJobsRepo } from './import-jobs.repo';
import { createRowRunner, type RowProblem } from './import-rows';
import type { SheetParse, SheetParser } from './sheet-pool';
import { sniffXlsx, type SheetResult } from './sheet-reader';
import { staffTemplateFor } from './staff-template';

export interface ImportSummary {
  rows: number;
  persons: number;
  assignments: number;
  byRole: Partial<Record<StaffRole, number>>;
  ignoredColumns: string[];
  sampleRows: number;
}
export type { RowProblem };
export interface ImportReport {
  problems: RowProblem[];
  summary?: ImportSummary;
  /** Why a job failed as a whole. */
  message?: string;
  imported?: { persons: number; assignments: number };
  expired?: string;
}
type Phase = 'reading' | 'checking' | 'rechecking' | 'writing';
const phaseLabels: Record<Phase, string> = { reading: '正在读取文件', checking: '正在逐行检查', rechecking: '导入前复核', writing: '正在写入' };
type Status = 'checking' | 'checked' | 'importing' | 'done' | 'failed';
const statusLabels: Record<Status, string> = { checking: '检查中', checked: '检查完成', importing: '导入中', done: '已导入', failed: '失败' };

interface Progress {
  phase: Phase;
  percent: number;
}
interface LiveJob {
  id: string;
  status: Status;
  fileName: string;
  scopeCode: string;
  createdBy: string;
  createdAt: Date;
  rows: number;
  processed: number;
  errors: number;
  progress: Progress;
}

export interface StaffImportDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  parser: SheetParser;
  /** Rows checked between two yields to the event loop. */
  chunk?: number;
  onError?: (e: unknown) => void;
}

const IMPORTER_ROLES = new Set(['county_centre', 'street_centre']);
/** A clean dry run may be imported within this time; after it the rows read from the file are dropped. */
export const CHECKED_KEEP_MS = 24 * 3600_000;
const MAX_RUNNING = 3;

// zlib's callback API runs on the thread pool, off the event loop.
const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

class ChangedSinceCheck extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('changed since the dry run');
  }
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

/**
 * Staff import from a spreadsheet, as a job (table import_jobs): upload → dry run that reports every
 * row's problems → import in one transaction, only after a clean dry run. Both passes put every
 * row through the API's own appointment code (appointment.ts) against an ImportStore, so the
 * rules are the same and the file is counted as a whole. Progress is kept in memory for this
 * process and written to the job row about once a second for the others.
 */
export function createStaffImportService({ db, clock, tree, parser, chunk = 100, onError = () => {} }: StaffImportDeps) {
  const runRows = createRowRunner({ clock, tree, chunk });
  const live = new Map<string, LiveJob>();
  const running = new Set<Promise<void>>();

  function mayImport(actor: Actor) {
    requirePermission(actor, 'staff.manage', '导入网格人员');
    if (!IMPORTER_ROLES.has(actor.role) || !actor.scopeCode) throw new AppError('forbidden', '只有县级和街道（乡镇）网格化管理服务中心可以批量导入网格人员');
  }

  function track(p: Promise<void>) {
    const q = p.catch(onError).finally(() => running.delete(q));
    running.add(q);
  }

  /** Writes a running job's progress to its row at most once a second, one write at a time, never waiting for it. */
  function progressWriter(job: LiveJob) {
    let last = 0;
    let busy = false;
    return (force = false) => {
      const now = clock.now();
      if (busy || (!force && now.getTime() - last < 1000)) return;
      busy = true;
      last = now.getTime();
      importJobsRepo
        .progress(db, job.id, { processed: job.processed, rows: job.rows, progress: job.progress, heartbeat: now })
        .catch(onError)
        .finally(() => (busy = false));
    };
  }

  type JobRow = NonNullable<Awaited<ReturnType<typeof importJobsRepo.byId>>>;
  /** A job as the poll shows it, from this process's memory while it runs here, else from its row. */
  function view(j: { live: LiveJob } | { row: JobRow }) {
    const l = 'live' in j ? j.live : null;
    const d = 'row' in j ? j.row : null;
    const status = (l?.status ?? d!.status) as Status;
    const progress = l?.progress ?? ((d?.progress as Progress | null) ?? null);
    const report = (d?.report as ImportReport | null) ?? null;
    const rows = l?.rows ?? d!.rows;
    const errors = l?.errors ?? d!.errors;
    const running = status === 'checking' || status === 'importing';
    return {
      id: l?.id ?? d!.id,
      status,
      statusLabel: status === 'checked' && errors > 0 ? `检查完成，${errors} 行有问题` : statusLabels[status],
      fileName: l?.fileName ?? d!.file_name,
      rows,
      processed: l?.processed ?? d!.processed,
      errors,
      phase: running ? (progress?.phase ?? null) : null,
      phaseLabel: running && progress ? phaseLabels[progress.phase] : null,
      percent: running ? Math.min(99, Math.round(progress?.percent ?? 0)) : 100,
      canImport: status === 'checked' && errors === 0 && rows > 0 && !report?.expired,
      report,
      createdAt: new Date(l?.createdAt ?? d!.created_at).toISOString(),
      finishedAt: d?.finished_at ? new Date(d.finished_at).toISOString() : null,
    };
  }
  type JobView = ReturnType<typeof view>;

  async function runCheck(actor: Actor, job: LiveJob, parsed: SheetParse['done']) {
    const write = progressWriter(job);
    try {
      const { sheet: s, json } = await parsed;
      job.rows = s.rows.length;
      job.progress = { phase: 'checking', percent: 40 };
      write(true);
      const { problems, summary } = await runRows(db, actor, s.rows, (n) => {
        job.processed = n;
        job.progress = { phase: 'checking', percent: 40 + (60 * n) / Math.max(1, s.rows.length) };
        write();
      });
      const full: ImportSummary = { ...summary, ignoredColumns: s.ignored, sampleRows: s.samples };
      await importJobsRepo.checked(db, job.id, {
        rows: s.rows.length,
        errors: problems.length,
        report: { problems, summary: full } satisfies ImportReport,
        payload: problems.length ? null : await gzip(json),
        at: clock.now(),
      });
    } catch (e) {
      const message = e instanceof AppError ? e.message : '读取或检查文件时出错，未导入任何人员，请重新上传';
      if (!(e instanceof AppError)) onError(e);
      await importJobsRepo.finish(db, job.id, { status: 'failed', report: { problems: [], message } satisfies ImportReport, at: clock.now() });
    } finally {
      live.delete(job.id);
    }
  }

  async function runImport(actor: Actor, job: LiveJob, before: ImportReport | null) {
    const write = progressWriter(job);
    try {
      const stored = (await importJobsRepo.payload(db, job.id))?.payload;
      if (!stored) throw new AppError('conflict', '检查结果已失效，请重新上传');
      const saved = JSON.parse((await gunzip(stored)).toString('utf8')) as SheetResult;
      let imported = { persons: 0, assignments: 0 };
      await db.transaction().execute(async (tx) => {
        const { problems, store } = await runRows(tx, actor, saved.rows, (n) => {
          job.processed = n;
          job.progress = { phase: 'rechecking', percent: (30 * n) / Math.max(1, saved.rows.length) };
          write();
        });
        if (problems.length) throw new ChangedSinceCheck(problems);
        job.progress = { phase: 'writing', percent: 30 };
        await store.flush(tx, (w, total) => {
          job.progress = { phase: 'writing', percent: 30 + (70 * w) / Math.max(1, total) };
          write();
        });
        imported = { persons: store.staff.length, assignments: store.assignments.length };
        await writeAudit(tx, clock, actor, {
          action: 'staff.import',
          entity: 'import_job',
          entityId: job.id,
          after: { fileName: job.fileName, rows: saved.rows.length, ...imported, byRole: before?.summary?.byRole ?? {} },
        });
      });
      await importJobsRepo.finish(db, job.id, { status: 'done', report: { problems: [], summary: before?.summary, imported } satisfies ImportReport, at: clock.now() });
    } catch (e) {
      let report: ImportReport;
      if (e instanceof ChangedSinceCheck) {
        report = { problems: e.problems, summary: before?.summary, message: '导入前复核发现问题（检查之后数据有了变化），未导入任何人员：请按报告修改后重新上传' };
      } else if (isUniqueViolation(e)) {
        report = { problems: [], message: '导入时发现已登记的身份证号或重复的任职（可能有人同时登记了相同的人员），未导入任何人员：请重新上传检查' };
      } else {
        if (!(e instanceof AppError)) onError(e);
        report = { problems: [], message: e instanceof AppError ? e.message : '导入失败，未导入任何人员，请稍后重试' };
      }
      await importJobsRepo.finish(db, job.id, { status: 'failed', report, errors: report.problems.length, at: clock.now() });
    } finally {
      live.delete(job.id);
    }
  }

  async function mustGet(actor: Actor, id: string) {
    const j = await importJobsRepo.byId(db, id);
    if (!j || j.created_by !== actor.id) throw new AppError('not_found', '没有这项导入（只能查看本账号上传的导入）');
    return j;
  }

  return {
    mayImport,

    /** The template for the actor's scope: its streets and sending units in the code sheet, its grids in the examples. */
    async template(actor: Actor): Promise<{ data: Buffer; fileName: string }> {
      mayImport(actor);
      return staffTemplateFor(db, tree, actor);
    },

    /** Reads the upload far enough to know it is the staff sheet (else a 4xx, nothing stored), then checks it as a job. */
    async start(actor: Actor, file: { name: string; data: Uint8Array }): Promise<JobView> {
      mayImport(actor);
      const sniffed = sniffXlsx(file.data);
      if (sniffed) throw new AppError(sniffed.code, sniffed.message);
      if (live.size >= MAX_RUNNING) throw new AppError('rate_limited', '正在处理的导入较多，系统正忙，请稍后再试');
      const job: LiveJob = {
        id: newId(clock.now().getTime()),
        status: 'checking',
        fileName: file.name,
        scopeCode: actor.scopeCode!,
        createdBy: actor.id,
        createdAt: clock.now(),
        rows: 0,
        processed: 0,
        errors: 0,
        progress: { phase: 'reading', percent: 0 },
      };
      const parse = parser.parse(file.data, (e) => {
        if (e.type !== 'progress') return;
        job.processed = e.rows;
        job.progress = { phase: 'reading', percent: (40 * e.bytes) / Math.max(1, e.total) };
      });
      await parse.ready;
      live.set(job.id, job);
      try {
        await importJobsRepo.insert(db, { id: job.id, file_name: job.fileName, scope_code: job.scopeCode, created_by: job.createdBy, created_at: job.createdAt, progress: job.progress });
      } catch (e) {
        live.delete(job.id);
        throw e;
      }
      track(runCheck(actor, job, parse.done));
      return view({ live: job });
    },

    async get(actor: Actor, id: string): Promise<JobView> {
      requirePermission(actor, 'staff.manage', '导入网格人员');
      const mine = live.get(id);
      // A job running here answers from memory: the embedded database is busy with it while it imports.
      if (mine) {
        if (mine.createdBy !== actor.id) throw new AppError('not_found', '没有这项导入（只能查看本账号上传的导入）');
        return view({ live: mine });
      }
      return view({ row: await mustGet(actor, id) });
    },

    /** Imports a clean dry run, all or nothing, as a job. */
    async commit(actor: Actor, id: string): Promise<JobView> {
      mayImport(actor);
      const j = await mustGet(actor, id);
      const report = (j.report as ImportReport | null) ?? null;
      if (j.status === 'importing' || j.status === 'done') throw new AppError('conflict', j.status === 'done' ? '该文件已经导入' : '该文件正在导入');
      if (j.status !== 'checked') throw new AppError('conflict', j.status === 'checking' ? '检查尚未完成，请稍候' : '该导入已失败，请重新上传');
      if (j.errors > 0) throw new AppError('invalid', `检查发现 ${j.errors} 行有问题，请修改后重新上传，全部通过后才能导入`);
      if (report?.expired) throw new AppError('invalid', report.expired);
      if (live.size >= MAX_RUNNING) throw new AppError('rate_limited', '正在处理的导入较多，系统正忙，请稍后再试');
      const job: LiveJob = {
        id: j.id,
        status: 'importing',
        fileName: j.file_name,
        scopeCode: j.scope_code,
        createdBy: j.created_by,
        createdAt: new Date(j.created_at),
        rows: j.rows,
        processed: 0,
        errors: 0,
        progress: { phase: 'rechecking', percent: 0 },
      };
      if (!(await importJobsRepo.claim(db, id, clock.now(), job.progress))) throw new AppError('conflict', '该文件正在导入或已经导入');
      live.set(job.id, job);
      track(runImport(actor, job, report));
      return view({ live: job });
    },

    /** Jobs of a process that died (embedded: any left running; PostgreSQL: silent for `staleMs`), marked failed. */
    async failInterrupted(staleMs: number): Promise<number> {
      const now = clock.now();
      return importJobsRepo.failInterrupted(db, new Date(now.getTime() - staleMs), now, '处理过程中服务停止，本次导入没有写入任何数据，请重新上传');
    },
    async expireChecked(): Promise<number> {
      return importJobsRepo.expireChecked(db, new Date(clock.now().getTime() - CHECKED_KEEP_MS), '检查结果已超过 24 小时未导入，请重新上传');
    },
    /** Heartbeats of the jobs running here, so other processes don't take them for dead. */
    async beat(): Promise<void> {
      const now = clock.now();
      await Promise.all([...live.keys()].map((id) => importJobsRepo.heartbeat(db, id, now).catch(onError)));
    },
    /** Waits for the jobs running here (shutdown, tests). */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running]);
    },
  };
}
export type StaffImportService = ReturnType<typeof createStaffImportService>;
