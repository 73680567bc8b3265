import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB, MatterRow } from '../../db/tables';

/** A matter to write, with its deadline jobs and its first event. All items of one write have the same columns. */
export interface NewMatter {
  row: Insertable<DB['matters']>;
  jobs: Insertable<DB['jobs']>[];
  event: Insertable<DB['matter_events']>;
}

export interface MatterFilter {
  /** Significant prefix of the division codes in scope. */
  prefix: string;
  /** A unit sees the matters ever dispatched to it. */
  sentToOrgId?: string;
  /** A grid worker sees the matters of the grids they serve and those they reported. */
  worker?: { gridIds: string[]; staffId: string };
  states?: MatterRow['state'][];
  /** The actor's queue: rows matching any of these (a centre's: its level's pending matters and the requests it approves). */
  queue?: { levels?: { level: MatterRow['level']; prefix: string }[]; handlerOrgId?: string; gridIds?: string[] };
  mark?: 'yellow' | 'red';
  typeCode?: string;
  since?: Date;
  q?: string;
  now: Date;
  limit: number;
  offset: number;
}

function where(f: Omit<MatterFilter, 'limit' | 'offset'>) {
  return (eb: ExpressionBuilder<DB, 'matters'>) => {
    const parts = [eb('matters.division_code', 'like', `${f.prefix}%`)];
    if (f.sentToOrgId) {
      parts.push(eb.exists(eb.selectFrom('matter_events as t').select('t.id').whereRef('t.matter_id', '=', 'matters.id').where('t.target_org_id', '=', f.sentToOrgId)));
    }
    if (f.worker) {
      const mine = [eb('matters.reporter_staff_id', '=', f.worker.staffId)];
      if (f.worker.gridIds.length) mine.push(eb('matters.grid_id', 'in', f.worker.gridIds));
      parts.push(eb.or(mine));
    }
    if (f.states) parts.push(eb('matters.state', 'in', f.states));
    if (f.typeCode) parts.push(eb('matters.type_code', '=', f.typeCode));
    if (f.since) parts.push(eb('matters.created_at', '>=', f.since));
    if (f.q) parts.push(eb.or([eb('matters.number', 'like', `%${f.q}%`), eb('matters.description', 'like', `%${f.q}%`), eb('matters.type_name', 'like', `%${f.q}%`)]));
    if (f.mark === 'red') parts.push(eb('matters.deadline_at', '<=', f.now));
    if (f.mark === 'yellow') parts.push(eb.and([eb('matters.warn_at', '<=', f.now), eb('matters.deadline_at', '>', f.now)]));
    if (f.queue) {
      const q = f.queue;
      const any = [];
      for (const l of q.levels ?? []) {
        any.push(eb.and([eb('matters.state', '=', 'pending'), eb('matters.level', '=', l.level), eb('matters.division_code', 'like', `${l.prefix}%`)]));
        // A request (extension, parking, voiding) waiting for this level's approval.
        any.push(
          eb.and([
            eb(sql<string>`matters.flow #>> '{request,approver,kind}'`, '=', 'centre'),
            eb(sql<string>`matters.flow #>> '{request,approver,level}'`, '=', l.level),
            eb('matters.division_code', 'like', `${l.prefix}%`),
          ]),
        );
      }
      if (q.handlerOrgId) any.push(eb.and([eb('matters.handler_org_id', '=', q.handlerOrgId), eb('matters.state', 'in', ['dispatched', 'handling'])]));
      if (q.gridIds?.length) any.push(eb.and([eb('matters.grid_id', 'in', q.gridIds), eb('matters.state', 'in', ['verifying', 'feedback'])]));
      parts.push(any.length ? eb.or(any) : eb.val(false));
    }
    return eb.and(parts);
  };
}

/** Matters with their handling unit's name and their grid's code, as lists and pages show them. */
function named(db: Database) {
  return db
    .selectFrom('matters')
    .leftJoin('organisations as o', 'o.id', 'matters.handler_org_id')
    .leftJoin('grids as g', 'g.id', 'matters.grid_id')
    .selectAll('matters')
    .select(['o.name as handler_org_name', 'g.code as grid_code']);
}

export const mattersRepo = {
  /** Takes the next `n` numbers of the county's day (one statement, so processes never share one); returns the last of them. */
  async reserveSeq(db: Database, countyCode: string, day: string, n: number): Promise<number> {
    const r = await sql<{ last: number }>`
      insert into matter_counters as c (county_code, day, last) values (${countyCode}, ${day}, ${n})
      on conflict (county_code, day) do update set last = c.last + ${n}
      returning last`.execute(db);
    return Number(r.rows[0].last);
  },
  /** Gives back numbers `from`…`to` of a reserved block when nobody has reserved after them. */
  async returnSeq(db: Database, countyCode: string, day: string, from: number, to: number): Promise<boolean> {
    const r = await db.updateTable('matter_counters').set({ last: from - 1 }).where('county_code', '=', countyCode).where('day', '=', day).where('last', '=', to).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /**
   * New matters with their deadline jobs and first events in one statement (atomic without a
   * transaction of its own). A matter whose client key was used already is not written, nor are its
   * jobs and event; the answer holds the matters written.
   */
  async insertNew(db: Database, items: NewMatter[]): Promise<MatterRow[]> {
    if (items.length === 0) return [];
    // Rows travel as one JSON array per table; their JSON columns as JSON, not as text.
    const matters = items.map((i) => ({ ...i.row, flow: JSON.parse(String(i.row.flow)) }));
    const jobs = items.flatMap((i) => i.jobs.map((j) => ({ ...j, payload: JSON.parse(String(j.payload)), matter_id: i.row.id })));
    const events = items.map((i) => ({ ...i.event, data: i.event.data == null ? null : JSON.parse(String(i.event.data)) }));
    const cols = (o: object) => sql.join(Object.keys(o).map((c) => sql.ref(c)));
    const matterColumns = cols(items[0].row);
    const eventColumns = cols(items[0].event);
    const r = await sql<MatterRow>`
      with m as (
        insert into matters (${matterColumns})
        select ${matterColumns} from jsonb_populate_recordset(null::matters, ${JSON.stringify(matters)}::jsonb)
        on conflict (client_key) do nothing
        returning *),
      j as (
        insert into jobs (id, key, kind, due_at, payload, status)
        select r.id, r.key, r.kind, r.due_at, r.payload, r.status
        from jsonb_array_elements(${JSON.stringify(jobs)}::jsonb) e, jsonb_populate_record(null::jobs, e) r
        where e->>'matter_id' in (select id from m)
        on conflict (key) do nothing),
      e as (
        insert into matter_events (${eventColumns})
        select ${eventColumns} from jsonb_populate_recordset(null::matter_events, ${JSON.stringify(events)}::jsonb)
        where matter_id in (select id from m))
      select * from m`.execute(db);
    return r.rows;
  },
  /** A matter with its handling unit's name and its grid's code, as lists show them. */
  byId(db: Database, id: string) {
    return named(db).where('matters.id', '=', id).executeTakeFirst();
  },
  /** The county's open matters whose step has a deadline running, locked for a recount. */
  runningDeadlines(tx: Database, countyCode: string) {
    return tx.selectFrom('matters').selectAll().where('county_code', '=', countyCode).where('step', 'is not', null).where('step_started_at', 'is not', null).orderBy('id').forUpdate().execute();
  },
  byIdForUpdate(tx: Database, id: string) {
    return tx.selectFrom('matters').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },
  byClientKey(db: Database, key: string) {
    return db.selectFrom('matters').selectAll().where('client_key', '=', key).executeTakeFirst();
  },
  byTrackingCode(db: Database, code: string) {
    return db.selectFrom('matters').selectAll().where('tracking_code', '=', code).executeTakeFirst();
  },
  update(tx: Database, id: string, set: Updateable<DB['matters']>) {
    return tx.updateTable('matters').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  },
  insertEvent(tx: Database, row: Insertable<DB['matter_events']>) {
    return tx.insertInto('matter_events').values(row).execute();
  },
  events(db: Database, matterId: string) {
    return db
      .selectFrom('matter_events as e')
      .leftJoin('organisations as o', 'o.id', 'e.actor_org_id')
      .selectAll('e')
      .select('o.name as actor_org_name')
      .where('e.matter_id', '=', matterId)
      .orderBy('e.seq')
      .execute();
  },
  list(db: Database, f: MatterFilter) {
    return named(db)
      .where(where(f))
      .orderBy('matters.created_at', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
  },
  count(db: Database, f: Omit<MatterFilter, 'limit' | 'offset'>) {
    return db
      .selectFrom('matters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where(f))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
  /** How many matters of a filter are in each state (the desk's tabs). */
  async countByState(db: Database, f: Omit<MatterFilter, 'limit' | 'offset'>): Promise<{ state: MatterRow['state']; n: number }[]> {
    const rows = await db
      .selectFrom('matters')
      .select((eb) => ['matters.state', eb.fn.countAll<number>().as('n')])
      .where(where(f))
      .groupBy('matters.state')
      .execute();
    return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
  },
  /** Open matters of a type near a point, recent: possible duplicates shown before submitting. */
  nearbyOpen(db: Database, typeCode: string, bbox: [number, number, number, number], since: Date) {
    return db
      .selectFrom('matters')
      .select(['id', 'number', 'type_name', 'description', 'lng', 'lat', 'state', 'created_at', 'division_code'])
      .where('type_code', '=', typeCode)
      .where('state', 'not in', ['closed', 'voided'])
      .where('created_at', '>=', since)
      .where('lng', '>=', bbox[0])
      .where('lng', '<=', bbox[2])
      .where('lat', '>=', bbox[1])
      .where('lat', '<=', bbox[3])
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute();
  },
  /** Was the matter ever dispatched to this unit? */
  async everSentTo(db: Database, matterId: string, orgId: string): Promise<boolean> {
    const r = await db.selectFrom('matter_events').select('id').where('matter_id', '=', matterId).where('target_org_id', '=', orgId).limit(1).executeTakeFirst();
    return r !== undefined;
  },
  mergedInto(db: Database, originalId: string) {
    return db.selectFrom('matters').select(['id', 'number', 'tracking_code']).where('merged_into', '=', originalId).execute();
  },

  insertUpload(db: Database, row: Insertable<DB['photo_uploads']>) {
    return db.insertInto('photo_uploads').values(row).execute();
  },
  uploads(db: Database, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('photo_uploads').selectAll().where('id', 'in', ids).execute();
  },
  /** Marks uploads as used by a matter; refuses (returns fewer) when one was used meanwhile. */
  async useUploads(tx: Database, ids: string[], matterId: string): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await tx.updateTable('photo_uploads').set({ used_by: matterId }).where('id', 'in', ids).where('used_by', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  insertPhotos(tx: Database, rows: Insertable<DB['matter_photos']>[]) {
    if (rows.length === 0) return Promise.resolve();
    return tx.insertInto('matter_photos').values(rows).execute().then(() => undefined);
  },
  photos(db: Database, matterId: string) {
    return db.selectFrom('matter_photos').selectAll().where('matter_id', '=', matterId).orderBy('event_seq').orderBy('at').execute();
  },
  photo(db: Database, matterId: string, id: string) {
    return db.selectFrom('matter_photos').selectAll().where('matter_id', '=', matterId).where('id', '=', id).executeTakeFirst();
  },

  insertRefusal(db: Database, row: Insertable<DB['task_refusals']>) {
    return db.insertInto('task_refusals').values(row).execute();
  },
  refusals(db: Database, prefix: string, limit = 200) {
    return db
      .selectFrom('task_refusals as r')
      .innerJoin('staff as s', 's.id', 'r.staff_id')
      .select(['r.id', 'r.asked_by', 'r.description', 'r.reason', 'r.at', 'r.township_code', 's.name as staff_name'])
      .where('r.township_code', 'like', `${prefix}%`)
      .orderBy('r.at', 'desc')
      .limit(limit)
      .execute();
  },
};
export type MatterListRow = Awaited<ReturnType<typeof mattersRepo.list>>[number];
