import type { Database } from '../../db/client';
import type { UserRow } from '../../db/tables';

export const usersRepo = {
  byUsername(db: Database, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },
  byId(db: Database, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  insert(db: Database, row: Omit<UserRow, 'status'>) {
    return db.insertInto('users').values(row).execute();
  },
  update(db: Database, id: string, set: Partial<Pick<UserRow, 'status' | 'role' | 'scope_code' | 'department' | 'org_id'>>) {
    return db.updateTable('users').set(set).where('id', '=', id).execute();
  },
  createSession(db: Database, row: { token_hash: string; user_id: string; created_at: Date; expires_at: Date; last_seen_at: Date }) {
    return db.insertInto('sessions').values(row).execute();
  },
  sessionWithUser(db: Database, tokenHash: string) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.token_hash',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.scope_code',
        'users.department',
        'users.org_id',
        'users.status',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },
  touchSession(db: Database, tokenHash: string, lastSeen: Date, expires: Date) {
    return db.updateTable('sessions').set({ last_seen_at: lastSeen, expires_at: expires }).where('token_hash', '=', tokenHash).execute();
  },
  deleteSession(db: Database, tokenHash: string) {
    return db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
};
