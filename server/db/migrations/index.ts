import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-shared-state';
import * as m0003 from './0003-staff';
import * as m0004 from './0004-import-jobs';
import * as m0005 from './0005-calendar';
import * as m0006 from './0006-catalogue';
import * as m0010 from './0010-matters';
import * as m0011 from './0011-photo-location';

/** Forward-only migrations, listed statically so bundling and tests never scan the file system. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-shared-state': m0002,
  '0003-staff': m0003,
  '0004-import-jobs': m0004,
  '0005-calendar': m0005,
  '0006-catalogue': m0006,
  '0010-matters': m0010,
  '0011-photo-location': m0011,
};
