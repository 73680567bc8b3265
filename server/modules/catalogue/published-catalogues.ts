import type { CatalogueType } from '../../../common/schemas/catalogue';
import type { Database } from '../../db/client';
import { catalogueRepo, toRecord, type VersionRow } from './catalogue.repo';
import { presentType } from './catalogue.presenter';
import { searchEntries, type SearchEntry } from './type-search';

export interface PublishedCatalogue {
  version: VersionRow;
  types: CatalogueType[];
  byCode: Map<string, CatalogueType>;
  entries: (SearchEntry & { type: CatalogueType })[];
}

/**
 * Every county's published catalogue, held in memory: a few hundred types per county, read on every
 * intake (the worker's type-ahead, the matter's time limits). It follows the database through the
 * change feed (topic 'catalogue'): a publication reloads it in every process.
 */
export class PublishedCatalogues {
  private byCounty = new Map<string, PublishedCatalogue>();
  private byVersion = new Map<string, PublishedCatalogue>();

  constructor(private readonly db: Database) {}

  async reload(): Promise<void> {
    const versions = await catalogueRepo.allPublished(this.db);
    const rows = await catalogueRepo.typeRows(this.db, versions.map((v) => v.id));
    const byCounty = new Map<string, PublishedCatalogue>();
    const byVersion = new Map<string, PublishedCatalogue>();
    for (const v of versions) {
      const c: PublishedCatalogue = { version: v, types: [], byCode: new Map(), entries: [] };
      byCounty.set(v.county_code, c);
      byVersion.set(v.id, c);
    }
    for (const r of rows) {
      const c = byVersion.get(r.version_id)!;
      const t = presentType(c.version, toRecord(r));
      c.types.push(t);
      c.byCode.set(t.code, t);
      c.entries.push({ code: t.code, name: t.name, initials: r.initials, pinyin: r.pinyin, type: t });
    }
    this.byCounty = byCounty;
    this.byVersion = byVersion;
  }

  of(county: string): PublishedCatalogue | undefined {
    return this.byCounty.get(county);
  }
  /** A version that is published now (superseded ones are read from the database). */
  ofVersion(versionId: string): PublishedCatalogue | undefined {
    return this.byVersion.get(versionId);
  }
  search(county: string, q: string | undefined, limit: number): CatalogueType[] {
    const c = this.byCounty.get(county);
    return c ? searchEntries(c.entries, q, limit).map((e) => e.type) : [];
  }
}
