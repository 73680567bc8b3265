import { sql, type Kysely } from 'kysely';

/**
 * Where a matter photo was taken, as the camera recorded it (WGS-84). The stored file carries no
 * metadata (server/lib/photos.ts strips it); the location is kept as data beside it instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table photo_uploads add column taken_lng double precision, add column taken_lat double precision;
alter table matter_photos add column taken_lng double precision, add column taken_lat double precision;
`.execute(db);
}
