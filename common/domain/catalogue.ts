import type { Step } from './matter-flow';
import type { TimeLimit } from './working-calendar';

/**
 * A matter type as published in a county's service-item catalogue (事项清单, Art. 14–16): what the
 * matters loop needs to route a matter and count its time limits. Every matter records the
 * catalogue version and type it was handled under.
 */
export type Priority = 'normal' | 'urgent' | 'top';
export const priorityLabels: Record<Priority, string> = { normal: '一般', urgent: '紧急', top: '特急' };

export interface PublishedType {
  versionId: string;
  version: number;
  countyCode: string;
  /** Level-3 code, e.g. 090102. */
  code: string;
  name: string;
  /** Level-1, level-2 and level-3 names. */
  path: [string, string, string];
  /** Which of the ten kinds of work of Art. 14 (1–10). */
  art14Kind: number;
  duties: string;
  /** The sector key of the responsible department or service unit by default (common/domain/organisations.ts). */
  defaultSector: string;
  limits: Record<Step, TimeLimit>;
  needsVerification: boolean;
  needsFeedback: boolean;
  priority: Priority;
  /** Attacks on grid workers (Art. 16, 32) go straight to the county's 公安 at top priority. */
  directToPolice: boolean;
}
