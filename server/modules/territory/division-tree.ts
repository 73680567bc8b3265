import { divisionKindLabels } from '../../../common/i18n/zh-CN';
import type { Division, DivisionRef } from '../../../common/schemas/territory';
import type { Database } from '../../db/client';
import { divisionsRepo } from './divisions.repo';

/**
 * The territory tree held in memory: names, parents and children of all ≈1,130 divisions.
 * Reloaded after anything changes a division (seeding, boundary import).
 */
export class DivisionTree {
  private byCode = new Map<string, Division>();
  private children = new Map<string, Division[]>();

  async load(db: Database): Promise<void> {
    const rows = await divisionsRepo.all(db);
    const byCode = new Map<string, Division>();
    const children = new Map<string, Division[]>();
    for (const r of rows) {
      const d: Division = {
        code: r.code,
        name: r.name,
        level: r.level,
        kind: r.kind as Division['kind'],
        kindLabel: divisionKindLabels[r.kind as keyof typeof divisionKindLabels] ?? r.kind,
        special: (r.special as Division['special']) ?? null,
        parentCode: r.parent_code,
        codeSource: r.code_source,
        hasBoundary: Boolean(r.has_boundary),
        boundarySource: r.boundary_source,
      };
      byCode.set(d.code, d);
      if (d.parentCode) {
        const list = children.get(d.parentCode) ?? [];
        list.push(d);
        children.set(d.parentCode, list);
      }
    }
    this.byCode = byCode;
    this.children = children;
  }

  get(code: string): Division | undefined {
    return this.byCode.get(code);
  }
  childrenOf(code: string): Division[] {
    return this.children.get(code) ?? [];
  }
  all(): Division[] {
    return [...this.byCode.values()];
  }
  /** Ancestors from the root down to and including `code`. */
  path(code: string): DivisionRef[] {
    const out: DivisionRef[] = [];
    for (let d = this.byCode.get(code); d; d = d.parentCode ? this.byCode.get(d.parentCode) : undefined) {
      out.unshift({ code: d.code, name: d.name });
    }
    return out;
  }
  /** The county-level unit (county or management area) a division belongs to. */
  countyOf(code: string): Division | undefined {
    for (let d = this.byCode.get(code); d; d = d.parentCode ? this.byCode.get(d.parentCode) : undefined) {
      if (d.level === 'county') return d;
    }
    return undefined;
  }
  townshipOf(code: string): Division | undefined {
    for (let d = this.byCode.get(code); d; d = d.parentCode ? this.byCode.get(d.parentCode) : undefined) {
      if (d.level === 'township') return d;
    }
    return undefined;
  }
  /** Every descendant code of `code`, itself included. */
  subtree(code: string): string[] {
    const out: string[] = [];
    const walk = (c: string) => {
      out.push(c);
      for (const ch of this.childrenOf(c)) walk(ch.code);
    };
    if (this.byCode.has(code)) walk(code);
    return out;
  }
}
