import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';

/** Forward-only migrations, listed statically so bundling and tests never scan the file system. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
};
