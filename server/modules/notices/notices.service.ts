import { AppError } from '../../../common/app-error';
import { labelPointOf } from '../../../common/geo/measure';
import type { AreaGeometry } from '../../../common/geo/types';
import type { DivisionRef } from '../../../common/schemas/territory';
import type { Database } from '../../db/client';
import type { GridRow, OrganisationRow } from '../../db/tables';
import { dayOf, type Clock } from '../../lib/clock';
import type { Boundary } from '../../views/outline-svg';
import type { Actor } from '../access/actor';
import { organisationsRepo } from '../organisations/organisations.repo';
import type { CertificationService } from '../staff/certification.service';
import { staffRepo } from '../staff/staff.repo';
import type { DivisionTree } from '../territory/division-tree';
import type { GridRegistry } from '../territory/grid-registry';
import { gridsRepo } from '../territory/grids.repo';
import { groupStaff, kindLabels, noticePerson, type Notice, type Phone, type RetiredNotice, type ServingRow } from './notices.presenter';
import { mayPrintNotices } from './notices.policy';

export interface NoticeDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  registry: GridRegistry;
  certification: CertificationService;
}

/** A grid with the version a notice shows (its current one). */
interface GridSource {
  id: string;
  code: string;
  level: 'grid' | 'micro';
  kind: Notice['kind'];
  division_code: string;
  county_code: string;
  name: string;
  sub_kind: string;
  owning_unit: string | null;
  area_m2: number;
  boundary: unknown;
}

export type NoticeLookup = { state: 'unknown' } | { state: 'retired'; notice: RetiredNotice } | { state: 'active'; notice: Notice };

/**
 * The public notices of the grids (Art. 12) and the public check of a work ID (Art. 16, 27). Read
 * fresh from the database on every request — no cache — so a change of a grid or of its staff
 * shows on the next view. Public: no actor, and nothing personal beyond names and work phones.
 */
export function createNoticeService({ db, clock, tree, registry, certification }: NoticeDeps) {
  const today = () => dayOf(clock.now());
  const ref = (code: string | null | undefined): DivisionRef | null => {
    const d = code ? tree.get(code) : undefined;
    return d ? { code: d.code, name: d.name } : null;
  };
  const phoneOf = (o: OrganisationRow | undefined, field: 'duty_phone' | 'complaint_phone'): Phone | null => (o ? { name: o.name, phone: o[field] } : null);

  /** The community station and the county centre of each of these divisions (a handful per street). */
  async function contacts(divisionCodes: string[]) {
    const out = new Map<string, { station: Phone | null; hotline: Phone | null }>();
    const centres = new Map<string, OrganisationRow | undefined>();
    const centre = async (code: string) => {
      if (!centres.has(code)) centres.set(code, await organisationsRepo.centreOf(db, code));
      return centres.get(code);
    };
    for (const code of new Set(divisionCodes)) {
      const county = tree.countyOf(code)?.code;
      out.set(code, { station: phoneOf(await centre(code), 'duty_phone'), hotline: county ? phoneOf(await centre(county), 'complaint_phone') : null });
    }
    return out;
  }

  function place(divisionCode: string) {
    return { community: ref(divisionCode), township: ref(tree.townshipOf(divisionCode)?.code), county: ref(tree.countyOf(divisionCode)?.code) };
  }

  /** Builds the notices of grids whose micro-grids, parents and staff on `day` are given. */
  function build(
    g: GridSource,
    c: { station: Phone | null; hotline: Phone | null },
    staff: ServingRow[],
    micro: (GridSource & { parent_code?: string | null })[],
    parent: GridSource | null,
    day: string,
  ): Notice {
    const own = groupStaff(staff.filter((s) => s.grid_id === g.id), g.level, g.kind);
    // A micro-grid's notice also names the head and workers of the grid it lies in (Art. 20).
    const above = parent ? groupStaff(staff.filter((s) => s.grid_id === parent.id), 'grid', parent.kind).groups : [];
    return {
      code: g.code,
      name: g.name,
      level: g.level,
      kind: g.kind,
      ...kindLabels(g.kind, g.sub_kind),
      owningUnit: g.owning_unit,
      areaM2: g.area_m2,
      boundary: g.boundary as Boundary,
      innerOutlines: micro.map((m) => m.boundary as Boundary),
      parent: parent ? { code: parent.code, name: parent.name } : null,
      ...place(g.division_code),
      groups: [...own.groups, ...above],
      missing: own.missing,
      staffed: own.staffed || above.length > 0,
      micro: micro.map((m) => ({
        code: m.code,
        name: m.name,
        people: staff.filter((s) => s.grid_id === m.id).map((s) => ({ ...noticePerson(s), label: s.role === 'unit_head' ? '单元长' : '楼栋长' })),
      })),
      station: c.station,
      hotline: c.hotline,
      asOf: day,
    };
  }

  async function latestVersion(grid: GridRow): Promise<GridSource> {
    const [v] = await gridsRepo.history(db, grid.id);
    return { ...grid, name: v.name, sub_kind: v.sub_kind, owning_unit: v.owning_unit, area_m2: v.area_m2, boundary: v.boundary };
  }

  async function retired(grid: GridRow): Promise<RetiredNotice> {
    const g = await latestVersion(grid);
    const c = (await contacts([g.division_code])).get(g.division_code)!;
    const [lng, lat] = labelPointOf(g.boundary as AreaGeometry);
    const now = grid.level === 'grid' ? registry.gridAt(lng, lat) : undefined;
    return {
      code: g.code,
      name: g.name,
      retiredOn: grid.retired_at ? dayOf(new Date(grid.retired_at)) : '',
      ...place(g.division_code),
      ...c,
      successor: now ? { code: now.code, name: now.name } : null,
    };
  }

  return {
    /** One grid's (or micro-grid's) notice as of today. */
    async notice(code: string): Promise<NoticeLookup> {
      const grid = await gridsRepo.byCode(db, code);
      if (!grid) return { state: 'unknown' };
      if (grid.status === 'retired') return { state: 'retired', notice: await retired(grid) };
      const day = today();
      const g = await latestVersion(grid);
      const micro = grid.level === 'grid' ? ((await gridsRepo.list(db, { level: 'micro', status: 'active', parentId: grid.id, withBoundary: true })) as GridSource[]) : [];
      const parentRow = grid.parent_id ? await gridsRepo.byId(db, grid.parent_id) : undefined;
      const parent = parentRow ? await latestVersion(parentRow) : null;
      const ids = [grid.id, ...micro.map((m) => m.id), ...(parent ? [parent.id] : [])];
      const staff = await staffRepo.servingGrid(db, ids, day);
      const c = (await contacts([g.division_code])).get(g.division_code)!;
      return { state: 'active', notice: build(g, c, staff, micro, parent, day) };
    },

    /**
     * The public site's way to a grid for a resident without a QR code: the divisions under one
     * (the city's counties at the top), and at a community (village) its active grids. Names and
     * codes only, as printed on the boards; null for an unknown code.
     */
    async directory(code: string | null) {
      const area = code ? tree.get(code) : tree.all().find((d) => d.level === 'city');
      if (!area) return null;
      const children = tree.childrenOf(area.code).map((d) => ({ code: d.code, name: d.name }));
      const grids =
        area.level === 'village' ? (await gridsRepo.list(db, { divisionCodes: [area.code], level: 'grid', status: 'active' })).map((g) => ({ code: g.code, name: g.name, kind: g.kind })) : [];
      return { area: { code: area.code, name: area.name, level: area.level }, path: tree.path(area.code), children, grids };
    },

    /**
     * Every active grid's notice under a street (township) or a community, for one printed PDF.
     * For the grid centres whose scope covers the area.
     */
    async within(actor: Actor | null, code: string) {
      if (!actor) throw new AppError('unauthenticated', '请先登录网格通，再打印公示牌');
      const area = tree.get(code);
      if (!area || (area.level !== 'township' && area.level !== 'village')) throw new AppError('bad_request', '请选择一个街道（乡镇）或社区（村）的区划代码');
      if (!mayPrintNotices(actor, area.code)) throw new AppError('forbidden', `${area.name}不在您的管辖范围内，不能打印其公示牌`);
      const day = today();
      const divisions = tree.subtree(area.code);
      const grids = (await gridsRepo.list(db, { divisionCodes: divisions, level: 'grid', status: 'active', withBoundary: true })) as GridSource[];
      const micro = await gridsRepo.list(db, { divisionCodes: divisions, level: 'micro', status: 'active', withBoundary: true });
      const staff = await staffRepo.servingGrid(db, [...grids, ...micro].map((g) => g.id), day);
      const c = await contacts(grids.map((g) => g.division_code));
      return {
        area: { code: area.code, name: area.name, path: tree.path(area.code) },
        notices: grids.map((g) => build(g, c.get(g.division_code)!, staff, micro.filter((m) => m.parent_code === g.code) as GridSource[], null, day)),
      };
    },

    /** The public check of a work ID: what certification.verify answers, or null (查无此证). */
    verify: (workRef: string) => certification.verify(workRef),
  };
}
export type NoticeService = ReturnType<typeof createNoticeService>;
