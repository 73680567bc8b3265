import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../db/client';
import type { CatalogueTypesTable, CatalogueVersionsTable } from '../../db/tables';
import { searchKeys } from './pinyin';
import type { TypeRecord } from './type-record';

export type VersionRow = Selectable<CatalogueVersionsTable>;
export type TypeRow = Selectable<CatalogueTypesTable>;

export function toRecord(r: TypeRow): TypeRecord {
  return {
    code: r.code,
    name: r.name,
    level1Code: r.level1_code,
    level1Name: r.level1_name,
    level2Code: r.level2_code,
    level2Name: r.level2_name,
    art14Kind: Number(r.art14_kind),
    duties: r.duties,
    dutiesDefault: r.duties_default,
    defaultSector: r.default_sector,
    limits: {
      dispatch: { amount: Number(r.dispatch_amount), unit: r.dispatch_unit },
      handling: { amount: Number(r.handling_amount), unit: r.handling_unit },
      verification: { amount: Number(r.verification_amount), unit: r.verification_unit },
      feedback: { amount: Number(r.feedback_amount), unit: r.feedback_unit },
    },
    limitsDefault: r.limits_default,
    handlingBasis: r.handling_basis,
    needsVerification: r.needs_verification,
    needsFeedback: r.needs_feedback,
    priority: r.priority,
    directToPolice: r.direct_to_police,
    source: r.source,
  };
}

/** The row of a type; its pinyin search keys are computed here, when it is stored. */
function toRow(versionId: string, t: TypeRecord): Insertable<CatalogueTypesTable> {
  const keys = searchKeys(t.name);
  return {
    version_id: versionId,
    code: t.code,
    level1_code: t.level1Code,
    level1_name: t.level1Name,
    level2_code: t.level2Code,
    level2_name: t.level2Name,
    name: t.name,
    art14_kind: t.art14Kind,
    duties: t.duties,
    duties_default: t.dutiesDefault,
    default_sector: t.defaultSector,
    dispatch_amount: t.limits.dispatch.amount,
    dispatch_unit: t.limits.dispatch.unit,
    handling_amount: t.limits.handling.amount,
    handling_unit: t.limits.handling.unit,
    verification_amount: t.limits.verification.amount,
    verification_unit: t.limits.verification.unit,
    feedback_amount: t.limits.feedback.amount,
    feedback_unit: t.limits.feedback.unit,
    limits_default: t.limitsDefault,
    handling_basis: t.handlingBasis,
    needs_verification: t.needsVerification,
    needs_feedback: t.needsFeedback,
    priority: t.priority,
    direct_to_police: t.directToPolice,
    initials: keys.initials,
    pinyin: keys.pinyin,
    source: t.source,
  };
}

const OPEN = ['draft', 'submitted', 'approved'] as const;

export const catalogueRepo = {
  version(db: Database, id: string) {
    return db.selectFrom('catalogue_versions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Locks the version row for the rest of the transaction, so two steps on one version queue up. */
  versionForUpdate(tx: Database, id: string) {
    return tx.selectFrom('catalogue_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },
  versionsOf(db: Database, county: string) {
    return db.selectFrom('catalogue_versions').selectAll().where('county_code', '=', county).orderBy('version', 'desc').execute();
  },
  published(db: Database, county: string) {
    return db.selectFrom('catalogue_versions').selectAll().where('county_code', '=', county).where('status', '=', 'published').executeTakeFirst();
  },
  /** The published version, locked: drafts and publications of one county queue up behind it. */
  publishedForUpdate(tx: Database, county: string) {
    return tx.selectFrom('catalogue_versions').selectAll().where('county_code', '=', county).where('status', '=', 'published').forUpdate().executeTakeFirst();
  },
  allPublished(db: Database) {
    return db.selectFrom('catalogue_versions').selectAll().where('status', '=', 'published').execute();
  },
  open(db: Database, county: string) {
    return db.selectFrom('catalogue_versions').selectAll().where('county_code', '=', county).where('status', 'in', OPEN).executeTakeFirst();
  },
  async countiesWithCatalogue(db: Database): Promise<Set<string>> {
    const rows = await db.selectFrom('catalogue_versions').select('county_code').distinct().execute();
    return new Set(rows.map((r) => r.county_code));
  },
  async nextVersion(db: Database, county: string): Promise<number> {
    const r = await db.selectFrom('catalogue_versions').select((eb) => eb.fn.max('version').as('v')).where('county_code', '=', county).executeTakeFirst();
    return Number(r?.v ?? 0) + 1;
  },
  insertVersion(tx: Database, row: Insertable<CatalogueVersionsTable>) {
    return tx.insertInto('catalogue_versions').values(row).execute();
  },
  updateVersion(tx: Database, id: string, set: Updateable<CatalogueVersionsTable>) {
    return tx.updateTable('catalogue_versions').set(set).where('id', '=', id).execute();
  },
  /** Type counts and how many still carry the default limits, per version. */
  async counts(db: Database, ids: string[]): Promise<Map<string, { types: number; limitsDefault: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('catalogue_types')
      .select((eb) => ['version_id', eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where limits_default)`.as('d')])
      .where('version_id', 'in', ids)
      .groupBy('version_id')
      .execute();
    return new Map(rows.map((r) => [r.version_id, { types: Number(r.n), limitsDefault: Number(r.d) }]));
  },

  async types(db: Database, versionId: string): Promise<TypeRecord[]> {
    const rows = await db.selectFrom('catalogue_types').selectAll().where('version_id', '=', versionId).orderBy('code').execute();
    return rows.map(toRecord);
  },
  /** Types of several versions with their search keys (the in-memory published catalogues). */
  typeRows(db: Database, versionIds: string[]) {
    if (versionIds.length === 0) return Promise.resolve([] as TypeRow[]);
    return db.selectFrom('catalogue_types').selectAll().where('version_id', 'in', versionIds).orderBy('version_id').orderBy('code').execute();
  },
  async type(db: Database, versionId: string, code: string): Promise<TypeRecord | null> {
    const r = await db.selectFrom('catalogue_types').selectAll().where('version_id', '=', versionId).where('code', '=', code).executeTakeFirst();
    return r ? toRecord(r) : null;
  },
  async insertTypes(tx: Database, versionId: string, types: TypeRecord[]): Promise<void> {
    const rows = types.map((t) => toRow(versionId, t));
    for (let i = 0; i < rows.length; i += 200) await tx.insertInto('catalogue_types').values(rows.slice(i, i + 200)).execute();
  },
  /** A new draft starts as a copy of the version it revises. */
  async copyTypes(tx: Database, fromId: string, toId: string): Promise<void> {
    await sql`insert into catalogue_types select ${toId}, code, level1_code, level1_name, level2_code, level2_name, name, art14_kind, duties,
      duties_default, default_sector, dispatch_amount, dispatch_unit, handling_amount, handling_unit, verification_amount,
      verification_unit, feedback_amount, feedback_unit, limits_default, handling_basis, needs_verification, needs_feedback,
      priority, direct_to_police, initials, pinyin, source from catalogue_types where version_id = ${fromId}`.execute(tx);
  },
  async replaceType(tx: Database, versionId: string, t: TypeRecord): Promise<void> {
    const { version_id: _v, code: _c, ...set } = toRow(versionId, t);
    await tx.updateTable('catalogue_types').set(set).where('version_id', '=', versionId).where('code', '=', t.code).execute();
  },
  deleteType(tx: Database, versionId: string, code: string) {
    return tx.deleteFrom('catalogue_types').where('version_id', '=', versionId).where('code', '=', code).execute();
  },
  /** The names a code has had in the county's versions: a code once used keeps its meaning. */
  async namesOfCode(db: Database, county: string, code: string): Promise<string[]> {
    const rows = await db
      .selectFrom('catalogue_types as t')
      .innerJoin('catalogue_versions as v', 'v.id', 't.version_id')
      .select('t.name')
      .distinct()
      .where('v.county_code', '=', county)
      .where('t.code', '=', code)
      .where('v.status', '<>', 'discarded')
      .execute();
    return rows.map((r) => r.name);
  },
  async userNames(db: Database, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },
  /** Departments and service units of a county by sector, for the names of the responsible units. */
  units(db: Database, divisionCode: string) {
    return db
      .selectFrom('organisations')
      .select(['code', 'name', 'sector', 'kind'])
      .where('division_code', '=', divisionCode)
      .where('kind', 'in', ['department', 'service_unit'])
      .where('status', '=', 'active')
      .orderBy('code')
      .execute();
  },
};
