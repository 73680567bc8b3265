import { staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import type { Issue } from '../../../common/schemas/grids';
import type { Database } from '../../db/client';
import { dayOf, type Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import { gridRetirementRepo } from './grid-retirement.repo';
import { staffRepo } from './staff.repo';

/**
 * Staff follow their grids: a grid retired by a grid change (retire, split, merge) no longer has a
 * head or workers. The change ends their assignments on the day it takes effect, as a decision in
 * each person's history naming the change; the street then appoints them to the new grids.
 */
export async function staffWarningsFor(db: Database, gridIds: string[]): Promise<Issue[]> {
  const open = await gridRetirementRepo.openOnGrids(db, gridIds);
  if (open.length === 0) return [];
  const people = new Set(open.map((a) => a.staff_id)).size;
  return [{ code: 'staff_released', message: `被撤销的网格现有 ${people} 名人员任职（${open.length} 项），调整生效后其任职一并结束，请为新网格重新任命`, people, assignments: open.length }];
}

export async function endAssignmentsOnRetiredGrids(
  tx: Database,
  clock: Clock,
  actor: Actor,
  gridIds: string[],
  at: Date,
  change: { id: string; summary: string; decidingBody: string },
): Promise<number> {
  const open = await gridRetirementRepo.openOnGrids(tx, gridIds);
  if (open.length === 0) return 0;
  const day = dayOf(at);
  const byPerson = new Map<string, typeof open>();
  for (const a of open) byPerson.set(a.staff_id, [...(byPerson.get(a.staff_id) ?? []), a]);
  for (const [staffId, list] of byPerson) {
    const decisionId = newId(clock.now().getTime());
    const summary = `${list[0].name}因网格调整不再担任${list.map((a) => `${staffRoleLabels[a.role as StaffRole]}（${a.grid_code}）`).join('、')}`;
    await staffRepo.insertDecision(tx, {
      id: decisionId,
      staff_id: staffId,
      kind: 'adjust',
      // An assignment that started today (or is dated later) ends on its first day.
      effective_on: day,
      reason: `网格调整：${change.summary}`,
      deciding_body: change.decidingBody,
      summary,
      recorded_by: actor.id,
      recorded_at: clock.now(),
    });
    for (const a of list) await staffRepo.closeAssignment(tx, a.id, a.valid_from > day ? a.valid_from : day, decisionId);
  }
  await writeAudit(tx, clock, actor, { action: 'staff.released_by_grid_change', entity: 'grid_change', entityId: change.id, after: { people: byPerson.size, assignments: open.length } });
  return open.length;
}
