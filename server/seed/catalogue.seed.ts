import type { Database } from '../db/client';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { writeAudit } from '../modules/audit/audit.service';
import { catalogueRepo } from '../modules/catalogue/catalogue.repo';
import { defaultCatalogue } from '../modules/catalogue/default-catalogue';

/**
 * Gives every county-level unit without a catalogue the default one as its version 1, published at
 * once so that matters can be taken from the first start. Its limits are defaults the county must
 * review; the county's own versions are drafted, approved and published through the platform.
 */
export async function seedCatalogues(db: Database, clock: Clock): Promise<number> {
  const counties = await db.selectFrom('divisions').select(['code']).where('level', '=', 'county').orderBy('sort_key').execute();
  const have = await catalogueRepo.countiesWithCatalogue(db);
  const missing = counties.filter((c) => !have.has(c.code));
  if (missing.length === 0) return 0;
  const types = defaultCatalogue();
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    for (const c of missing) {
      const id = newId(now.getTime());
      await catalogueRepo.insertVersion(tx, { id, county_code: c.code, version: 1, status: 'draft', origin: 'default', note: '平台默认事项清单，时限为默认值，须由本县（市、区）审核确定', created_by: null, created_at: now });
      await catalogueRepo.insertTypes(tx, id, types);
      await catalogueRepo.updateVersion(tx, id, { status: 'published', published_at: now });
    }
    await writeAudit(tx, clock, null, { action: 'seed.catalogue', entity: 'catalogue_version', after: { counties: missing.map((c) => c.code), types: types.length } });
  });
  return missing.length;
}
