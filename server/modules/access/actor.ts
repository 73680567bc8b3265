import type { Role } from '../../../common/schemas/auth';

/** The signed-in user a request acts for. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  department: string | null;
  /** The department, service unit or people's organisation a department user acts for. */
  orgId: string | null;
  ip: string | null;
}
