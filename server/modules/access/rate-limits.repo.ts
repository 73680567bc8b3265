import { sql } from 'kysely';
import type { Database } from '../../db/client';

export const rateLimitsRepo = {
  /**
   * Counts `n` hits in the bucket's fixed window (opening a new window when the old one is over) and
   * returns the count and when the window started. One statement, so concurrent hits from several
   * processes are all counted; the count before is always `hits - n`.
   */
  async hit(db: Database, bucket: string, now: Date, windowMs: number, n = 1): Promise<{ hits: number; windowStart: Date }> {
    const expired = new Date(now.getTime() - windowMs);
    const r = await sql<{ hits: number; window_start: Date }>`
      insert into rate_limits as r (bucket, window_start, hits) values (${bucket}, ${now}, ${n})
      on conflict (bucket) do update set
        hits = case when r.window_start <= ${expired} then ${n} else r.hits + ${n} end,
        window_start = case when r.window_start <= ${expired} then ${now} else r.window_start end
      returning hits, window_start`.execute(db);
    const row = r.rows[0];
    return { hits: Number(row.hits), windowStart: new Date(row.window_start) };
  },
  purge(db: Database, before: Date) {
    return db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
  },
};
