import type { Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB } from '../../db/tables';

export const auditRepo = {
  last(db: Database) {
    return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  },
  insert(db: Database, row: Insertable<DB['audit_log']> | Insertable<DB['audit_log']>[]) {
    return db.insertInto('audit_log').values(row).execute();
  },
  all(db: Database) {
    return db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  },
};
