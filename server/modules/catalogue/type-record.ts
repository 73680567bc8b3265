import type { Priority } from '../../../common/domain/catalogue';
import type { Step } from '../../../common/domain/matter-flow';
import type { TimeLimit } from '../../../common/domain/working-calendar';

/** A type of a catalogue version as the service handles it (one row of catalogue_types). */
export interface TypeRecord {
  code: string;
  name: string;
  level1Code: string;
  level1Name: string;
  level2Code: string;
  level2Name: string;
  art14Kind: number;
  duties: string;
  dutiesDefault: boolean;
  defaultSector: string;
  limits: Record<Step, TimeLimit>;
  limitsDefault: boolean;
  handlingBasis: string | null;
  needsVerification: boolean;
  needsFeedback: boolean;
  priority: Priority;
  directToPolice: boolean;
  source: string | null;
}
