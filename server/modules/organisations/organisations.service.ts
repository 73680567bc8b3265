import { AppError } from '../../../common/app-error';
import { sectorLabel, orgKindLabels } from '../../../common/domain/organisations';
import { normalisePhone } from '../../../common/domain/phone';
import type { Database } from '../../db/client';
import type { OrganisationRow } from '../../db/tables';
import type { Clock } from '../../lib/clock';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { organisationsRepo } from './organisations.repo';

export function presentOrg(o: OrganisationRow, tree: DivisionTree) {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    kindLabel: orgKindLabels[o.kind],
    sector: o.sector,
    sectorLabel: o.sector ? (sectorLabel(o.sector) ?? o.sector) : null,
    divisionCode: o.division_code,
    divisionName: tree.get(o.division_code)?.name ?? o.division_code,
    dutyPhone: o.duty_phone,
    complaintPhone: o.complaint_phone,
  };
}

/** Grid centres, linked departments, service units and people's organisations (Art. 4, 5, 22). */
export function createOrganisationService({ db, clock, tree }: { db: Database; clock: Clock; tree: DivisionTree }) {
  return {
    async list(actor: Actor, q: { within?: string; kind?: OrganisationRow['kind']; sector?: string; q?: string }) {
      requirePermission(actor, 'org.read', '查看单位');
      // Everyone in the grid system sees the organisations of their own county and of the city above it.
      const code = q.within ?? actor.scopeCode ?? '231100000000';
      const county = tree.countyOf(code)?.code;
      const prefix = county ? county.slice(0, 6) : code.slice(0, 4);
      const rows = await organisationsRepo.list(db, { prefix, kinds: q.kind ? [q.kind] : undefined, sector: q.sector, q: q.q });
      const city = county ? await organisationsRepo.list(db, { prefix: '231100000000', kinds: q.kind ? [q.kind] : undefined, sector: q.sector, q: q.q }) : [];
      return { items: [...city.filter((o) => o.division_code === '231100000000'), ...rows].map((o) => presentOrg(o, tree)) };
    },

    /** A centre keeps its own duty and complaint phones, and its county's departments' (shown on notices). */
    async setPhones(actor: Actor, code: string, input: { dutyPhone?: string | null; complaintPhone?: string | null }) {
      requirePermission(actor, 'org.manage', '维护单位联系电话');
      const org = await organisationsRepo.byCode(db, code);
      if (!org) throw new AppError('not_found', `没有编码为 ${code} 的单位`);
      if (!inScope(actor, org.division_code)) throw new AppError('forbidden', `${org.name}不在您的管辖范围内`);
      const set = {
        ...(input.dutyPhone !== undefined ? { duty_phone: input.dutyPhone ? normalisePhone(input.dutyPhone) : null } : {}),
        ...(input.complaintPhone !== undefined ? { complaint_phone: input.complaintPhone ? normalisePhone(input.complaintPhone) : null } : {}),
      };
      await db.transaction().execute(async (tx) => {
        await organisationsRepo.updatePhones(tx, org.id, set);
        await writeAudit(tx, clock, actor, { action: 'organisation.phones', entity: 'organisation', entityId: org.id, before: { dutyPhone: org.duty_phone, complaintPhone: org.complaint_phone }, after: set });
      });
      return presentOrg((await organisationsRepo.byId(db, org.id))!, tree);
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;
