import type { Role } from '../../../common/schemas/auth';

/** The signed-in user a request acts for. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  department: string | null;
  ip: string | null;
}
