import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type DbHandle } from '../../server/db/client';
import { adminQuery, withDatabase } from './template';

let counter = 0;

/** A fresh copy of the seeded template: PGlite from the dump, or a PostgreSQL database cloned from the template. */
export async function openTestDatabase(): Promise<DbHandle> {
  const templateUrl = inject('templateDbUrl');
  if (templateUrl) {
    const name = `wangge_t_${process.pid}_${Date.now()}_${counter++}`;
    const tpl = new URL(templateUrl).pathname.slice(1);
    const admin = withDatabase(templateUrl, 'postgres');
    await adminQuery(admin, `create database ${name} template ${tpl}`);
    const h = await openDatabase({ databaseUrl: withDatabase(templateUrl, name), poolSize: 4 });
    return {
      ...h,
      close: async () => {
        await h.close();
        await adminQuery(admin, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const buf = readFileSync(inject('templateFile'));
  return openDatabase({ loadDataDir: new Blob([buf]) });
}
