import { AppError } from '../../../common/app-error';
import type { PublishedType } from '../../../common/domain/catalogue';
import type { CatalogueDiff, CatalogueType, CatalogueVersion, NewType, TypePatch } from '../../../common/schemas/catalogue';
import type { ChangeFeed } from '../../db/change-feed';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { divisionsRepo } from '../territory/divisions.repo';
import { diffTypes } from './catalogue-diff';
import { mayReadDrafts, requireApprover, requireDrafter } from './catalogue.policy';
import { pickPublished, presentType, presentVersion, toPublished } from './catalogue.presenter';
import { catalogueRepo, type VersionRow } from './catalogue.repo';
import { checkType, mergePatch, newTypeRecord } from './type-rules';
import { PublishedCatalogues } from './published-catalogues';

export interface CatalogueDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  feed: ChangeFeed;
}

/**
 * The service-item catalogue of each county (事项清单, Art. 14–16): drafted by the county centre,
 * approved by the county government, published; the previous version is superseded and stays
 * readable, since every matter records the version and type it was handled under.
 */
export function createCatalogueService({ db, clock, tree, feed }: CatalogueDeps) {
  const published = new PublishedCatalogues(db);
  feed.follow('catalogue', { reload: () => published.reload() });

  function county(code: string) {
    const d = tree.get(code);
    if (!d || d.level !== 'county') throw new AppError('not_found', `没有区划代码为 ${code} 的县（市、区）`);
    return d;
  }
  const countyName = (code: string) => tree.get(code)?.name ?? code;

  async function present(rows: VersionRow[]): Promise<CatalogueVersion[]> {
    const counts = await catalogueRepo.counts(db, rows.map((r) => r.id));
    const names = await catalogueRepo.userNames(db, rows.flatMap((r) => [r.created_by, r.approved_by]));
    const numbers = new Map<string, number>();
    for (const r of rows) if (r.based_on_id && !numbers.has(r.based_on_id)) numbers.set(r.based_on_id, (await catalogueRepo.version(db, r.based_on_id))?.version ?? 0);
    return rows.map((r) => presentVersion(r, { countyName: countyName(r.county_code), basedOnVersion: r.based_on_id ? (numbers.get(r.based_on_id) ?? null) : null, counts: counts.get(r.id), names }));
  }

  async function typesOf(v: VersionRow): Promise<CatalogueType[]> {
    const cached = published.ofVersion(v.id);
    if (cached) return cached.types;
    return (await catalogueRepo.types(db, v.id)).map((t) => presentType(v, t));
  }

  /** A version the actor may read: published and superseded ones are for everyone signed in, others for drafters, approvers and the city. */
  async function readable(actor: Actor, id: string): Promise<VersionRow> {
    requirePermission(actor, 'catalogue.read', '查看事项清单');
    const v = await catalogueRepo.version(db, id);
    if (!v) throw new AppError('not_found', '没有这个事项清单版本');
    if (!['published', 'superseded'].includes(v.status) && !mayReadDrafts(actor, v.county_code)) {
      throw new AppError('forbidden', `${countyName(v.county_code)}事项清单第 ${v.version} 版尚未公布，只有本县（市、区）网格化管理服务中心、人民政府和市中心可以查看`);
    }
    return v;
  }

  /** Runs one step on a version inside a transaction, with the row locked and its status checked again. */
  async function step<T>(id: string, run: (tx: Database, v: VersionRow) => Promise<T>): Promise<T> {
    const result = await db.transaction().execute(async (tx) => {
      const v = await catalogueRepo.versionForUpdate(tx, id);
      if (!v) throw new AppError('not_found', '没有这个事项清单版本');
      return run(tx, v);
    });
    return result;
  }

  const label = (v: VersionRow) => `${countyName(v.county_code)}事项清单第 ${v.version} 版`;
  function mustBe(v: VersionRow, status: VersionRow['status'], doing: string) {
    if (v.status === status) return;
    const now = { draft: '还是草稿', submitted: '正在等待人民政府审批', approved: '已经批准、等待公布', published: '已经公布', superseded: '已被新版本替代', discarded: '已经放弃' }[v.status];
    throw new AppError(v.status === 'draft' && status === 'approved' ? 'invalid' : 'conflict', `${label(v)}${now}，不能${doing}`);
  }

  async function draftFor(actor: Actor, tx: Database, id: string): Promise<VersionRow> {
    const v = await catalogueRepo.versionForUpdate(tx, id);
    if (!v) throw new AppError('not_found', '没有这个事项清单版本');
    requireDrafter(actor, v.county_code, countyName(v.county_code));
    mustBe(v, 'draft', '修改事项（请先起草新版本，或由人民政府退回修改）');
    return v;
  }

  return {
    // ---- For the matters loop: what a matter is handled under. ----

    /** The type as the county's catalogue publishes it now, or null when the county has no such type. */
    async publishedType(countyCode: string, typeCode: string): Promise<PublishedType | null> {
      const t = published.of(countyCode)?.byCode.get(typeCode);
      return t ? pickPublished(t) : null;
    },
    /** Every type of the county's published catalogue. */
    async publishedTypes(countyCode: string): Promise<PublishedType[]> {
      return (published.of(countyCode)?.types ?? []).map(pickPublished);
    },
    /** A type of any version, superseded ones included: what an old matter was handled under. */
    async typeAtVersion(versionId: string, typeCode: string): Promise<PublishedType | null> {
      const c = published.ofVersion(versionId);
      if (c) {
        const t = c.byCode.get(typeCode);
        return t ? pickPublished(t) : null;
      }
      const v = await catalogueRepo.version(db, versionId);
      const t = v ? await catalogueRepo.type(db, versionId, typeCode) : null;
      return v && t ? toPublished(v, t) : null;
    },
    /** Every type of a version, superseded ones included. */
    async typesAtVersion(versionId: string): Promise<PublishedType[]> {
      const v = await catalogueRepo.version(db, versionId);
      if (!v) return [];
      return (await catalogueRepo.types(db, versionId)).map((t) => toPublished(v, t));
    },
    /** The county's published version (number, id, dates), or null. */
    async publishedVersion(countyCode: string) {
      const c = published.of(countyCode);
      return c ? { id: c.version.id, version: c.version.version, publishedAt: c.version.published_at, origin: c.version.origin } : null;
    },

    // ---- Reading. ----

    /** The phone intake's type-ahead: by name, pinyin initials, whole pinyin or code, from memory. */
    search(actor: Actor, countyCode: string, q: string | undefined, limit = 20) {
      requirePermission(actor, 'catalogue.read', '查看事项清单');
      const c = county(countyCode);
      const p = published.of(c.code);
      return { countyCode: c.code, versionId: p?.version.id ?? null, version: p?.version.version ?? null, items: published.search(c.code, q, limit) };
    },

    async publishedTypeView(actor: Actor, countyCode: string, typeCode: string): Promise<CatalogueType> {
      requirePermission(actor, 'catalogue.read', '查看事项清单');
      const c = county(countyCode);
      const t = published.of(c.code)?.byCode.get(typeCode);
      if (!t) throw new AppError('not_found', `${c.name}现行事项清单中没有编码为 ${typeCode} 的事项`);
      return t;
    },

    /** A county's catalogue: the published version, the one being worked on (for those who may see it), and the history. */
    async overview(actor: Actor, countyCode: string) {
      requirePermission(actor, 'catalogue.read', '查看事项清单');
      const c = county(countyCode);
      const drafts = mayReadDrafts(actor, c.code);
      const rows = (await catalogueRepo.versionsOf(db, c.code)).filter((v) => drafts || ['published', 'superseded'].includes(v.status));
      const versions = await present(rows);
      return {
        county: { code: c.code, name: c.name },
        published: versions.find((v) => v.status === 'published') ?? null,
        open: versions.find((v) => ['draft', 'submitted', 'approved'].includes(v.status)) ?? null,
        versions,
      };
    },

    async version(actor: Actor, id: string): Promise<{ version: CatalogueVersion; types: CatalogueType[] }> {
      const v = await readable(actor, id);
      const [view] = await present([v]);
      return { version: view, types: await typesOf(v) };
    },

    /** What a version changes: an open one against the published version, a published or superseded one against its predecessor. */
    async diff(actor: Actor, id: string): Promise<CatalogueDiff> {
      const v = await readable(actor, id);
      const baseRow = ['draft', 'submitted', 'approved'].includes(v.status) ? await catalogueRepo.published(db, v.county_code) : v.based_on_id ? await catalogueRepo.version(db, v.based_on_id) : undefined;
      const base = baseRow ? await typesOf(baseRow) : [];
      return diffTypes(baseRow ? { id: baseRow.id, version: baseRow.version } : null, base, await typesOf(v));
    },

    // ---- Drafting (county centre). ----

    async createDraft(actor: Actor, countyCode: string, input: { note?: string }): Promise<CatalogueVersion> {
      const c = county(countyCode);
      requireDrafter(actor, c.code, c.name);
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (tx) => {
        // Locking the published version serialises the drafts and publications of one county.
        const base = await catalogueRepo.publishedForUpdate(tx, c.code);
        if (!base) throw new AppError('invalid', `${c.name}还没有已公布的事项清单`);
        const open = await catalogueRepo.open(tx, c.code);
        if (open) throw new AppError('conflict', `${c.name}事项清单第 ${open.version} 版${open.status === 'draft' ? '草稿' : open.status === 'submitted' ? '正在审批' : '已批准待公布'}，请先完成或放弃它，再起草新版本`);
        const version = await catalogueRepo.nextVersion(tx, c.code);
        await catalogueRepo.insertVersion(tx, { id, county_code: c.code, version, status: 'draft', origin: 'county', based_on_id: base.id, note: input.note || null, created_by: actor.id, created_at: clock.now() });
        await catalogueRepo.copyTypes(tx, base.id, id);
        await writeAudit(tx, clock, actor, { action: 'catalogue.draft', entity: 'catalogue_version', entityId: id, after: { county: c.code, version, basedOn: base.version, note: input.note ?? null } });
      });
      return (await present([(await catalogueRepo.version(db, id))!]))[0];
    },

    /** 准入: a type enters the draft. */
    async addType(actor: Actor, versionId: string, input: NewType): Promise<CatalogueType> {
      return db.transaction().execute(async (tx) => {
        const v = await draftFor(actor, tx, versionId);
        const types = await catalogueRepo.types(tx, v.id);
        if (types.some((t) => t.code === input.code)) throw new AppError('conflict', `事项编码 ${input.code} 已在清单中（${types.find((t) => t.code === input.code)!.name}）`);
        const used = await catalogueRepo.namesOfCode(tx, v.county_code, input.code);
        if (used.length && !used.includes(input.name)) throw new AppError('invalid', `事项编码 ${input.code} 曾用于“${used.join('”“')}”，不能用于另一个事项，请另选编码`, [{ code: 'code_reused', message: '编码曾用于其他事项', field: 'code' }]);
        const rec = newTypeRecord(input, types);
        checkType(rec, types);
        await catalogueRepo.insertTypes(tx, v.id, [rec]);
        await writeAudit(tx, clock, actor, { action: 'catalogue.type_add', entity: 'catalogue_version', entityId: v.id, after: rec });
        return presentType(v, rec);
      });
    },

    async updateType(actor: Actor, versionId: string, code: string, patch: TypePatch): Promise<CatalogueType> {
      return db.transaction().execute(async (tx) => {
        const v = await draftFor(actor, tx, versionId);
        const types = await catalogueRepo.types(tx, v.id);
        const before = types.find((t) => t.code === code);
        if (!before) throw new AppError('not_found', `${label(v)}中没有编码为 ${code} 的事项`);
        const after = mergePatch(before, patch);
        checkType(after, types.filter((t) => t.code !== code));
        await catalogueRepo.replaceType(tx, v.id, after);
        await writeAudit(tx, clock, actor, { action: 'catalogue.type_change', entity: 'catalogue_version', entityId: v.id, before, after });
        return presentType(v, after);
      });
    },

    /** 退出: a type leaves the draft (it stays in the versions that had it). */
    async removeType(actor: Actor, versionId: string, code: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const v = await draftFor(actor, tx, versionId);
        const before = await catalogueRepo.type(tx, v.id, code);
        if (!before) throw new AppError('not_found', `${label(v)}中没有编码为 ${code} 的事项`);
        await catalogueRepo.deleteType(tx, v.id, code);
        await writeAudit(tx, clock, actor, { action: 'catalogue.type_remove', entity: 'catalogue_version', entityId: v.id, before });
      });
    },

    async submit(actor: Actor, id: string, input: { note?: string }): Promise<CatalogueVersion> {
      await step(id, async (tx, v) => {
        requireDrafter(actor, v.county_code, countyName(v.county_code));
        mustBe(v, 'draft', '报请审批');
        const n = (await catalogueRepo.counts(tx, [v.id])).get(v.id)?.types ?? 0;
        if (n === 0) throw new AppError('invalid', `${label(v)}没有任何事项，不能报请审批`);
        const note = input.note !== undefined ? input.note || null : v.note;
        await catalogueRepo.updateVersion(tx, v.id, { status: 'submitted', submitted_by: actor.id, submitted_at: clock.now(), note });
        await writeAudit(tx, clock, actor, { action: 'catalogue.submit', entity: 'catalogue_version', entityId: v.id, after: { version: v.version, types: n, note } });
      });
      return this.versionView(id);
    },

    /** The county centre takes a submitted draft back to change it further. */
    async recall(actor: Actor, id: string): Promise<CatalogueVersion> {
      await step(id, async (tx, v) => {
        requireDrafter(actor, v.county_code, countyName(v.county_code));
        mustBe(v, 'submitted', '撤回');
        await catalogueRepo.updateVersion(tx, v.id, { status: 'draft', submitted_by: null, submitted_at: null });
        await writeAudit(tx, clock, actor, { action: 'catalogue.recall', entity: 'catalogue_version', entityId: v.id, after: { version: v.version } });
      });
      return this.versionView(id);
    },

    /** Discards a draft nobody will take further; its number is not used again. */
    async discard(actor: Actor, id: string): Promise<CatalogueVersion> {
      await step(id, async (tx, v) => {
        requireDrafter(actor, v.county_code, countyName(v.county_code));
        mustBe(v, 'draft', '放弃');
        await catalogueRepo.updateVersion(tx, v.id, { status: 'discarded' });
        await writeAudit(tx, clock, actor, { action: 'catalogue.discard', entity: 'catalogue_version', entityId: v.id, after: { version: v.version } });
      });
      return this.versionView(id);
    },

    // ---- Approval (county government) and publication (county centre). ----

    /** Sent back to draft with the reason, which the centre sees until it submits again. */
    async refuse(actor: Actor, id: string, reason: string): Promise<CatalogueVersion> {
      await step(id, async (tx, v) => {
        requireApprover(actor, v.county_code, countyName(v.county_code));
        mustBe(v, 'submitted', '退回修改');
        await catalogueRepo.updateVersion(tx, v.id, { status: 'draft', refusal_reason: reason, submitted_by: null, submitted_at: null });
        await writeAudit(tx, clock, actor, { action: 'catalogue.refuse', entity: 'catalogue_version', entityId: v.id, after: { version: v.version, reason } });
      });
      return this.versionView(id);
    },

    async approve(actor: Actor, id: string, input: { reference?: string }): Promise<CatalogueVersion> {
      await step(id, async (tx, v) => {
        requireApprover(actor, v.county_code, countyName(v.county_code));
        mustBe(v, 'submitted', '批准');
        await catalogueRepo.updateVersion(tx, v.id, { status: 'approved', approved_by: actor.id, approved_at: clock.now(), approval_ref: input.reference ?? null, refusal_reason: null });
        await writeAudit(tx, clock, actor, { action: 'catalogue.approve', entity: 'catalogue_version', entityId: v.id, after: { version: v.version, reference: input.reference ?? null } });
      });
      return this.versionView(id);
    },

    /** Publishes an approved version; the version published until now is superseded, never edited. */
    async publish(actor: Actor, id: string): Promise<CatalogueVersion> {
      await step(id, async (tx, v) => {
        requireDrafter(actor, v.county_code, countyName(v.county_code));
        if (v.status === 'draft' || v.status === 'submitted') throw new AppError('invalid', `${label(v)}尚未经${countyName(v.county_code)}人民政府批准，不能公布`);
        mustBe(v, 'approved', '公布');
        const old = await catalogueRepo.publishedForUpdate(tx, v.county_code);
        const now = clock.now();
        if (old) await catalogueRepo.updateVersion(tx, old.id, { status: 'superseded', superseded_at: now });
        await catalogueRepo.updateVersion(tx, v.id, { status: 'published', published_by: actor.id, published_at: now });
        await feed.announce(tx, 'catalogue', v.county_code);
        await writeAudit(tx, clock, actor, { action: 'catalogue.publish', entity: 'catalogue_version', entityId: v.id, before: old ? { version: old.version, id: old.id } : null, after: { version: v.version } });
      });
      await feed.refresh('catalogue');
      return this.versionView(id);
    },

    async versionView(id: string): Promise<CatalogueVersion> {
      return (await present([(await catalogueRepo.version(db, id))!]))[0];
    },

    // ---- The public page and JSON (no login). ----

    /** The published catalogue of a county with the names of the responsible units, or null for an unknown county. */
    async publicCatalogue(countyCode: string) {
      const c = tree.get(countyCode);
      if (!c || c.level !== 'county') return null;
      const p = published.of(c.code);
      if (!p) return { county: { code: c.code, name: c.name }, version: null, types: [] as CatalogueType[], units: new Map<string, string>() };
      // The management area is served by its host county's departments.
      const host = (await hostOf(c.code)) ?? c.code;
      const units = new Map<string, string>();
      for (const u of [...(await catalogueRepo.units(db, host)), ...(host !== c.code ? await catalogueRepo.units(db, c.code) : [])]) {
        if (u.sector && (!units.has(u.sector) || u.code.endsWith(`-${u.sector}`))) units.set(u.sector, u.name);
      }
      const [view] = await present([p.version]);
      return { county: { code: c.code, name: c.name }, version: view, types: p.types, units };
    },

    counties() {
      return tree.all().filter((d) => d.level === 'county').map((d) => ({ code: d.code, name: d.name }));
    },
  };

  function hostOf(code: string): Promise<string | null> {
    return divisionsRepo.hostOf(db, code);
  }
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
