import { roleSatisfies, type Permission } from '@/lib/domain/roles';
import type { Actor } from '@/lib/changes/service-context';
import { ChangeForbiddenError } from './errors';

/** The service checks roles itself too, so no adapter can forget it. */
export function requirePermission(actor: Actor, permission: Permission, doing: string): void {
  if (roleSatisfies(actor.role, permission)) return;
  throw new ChangeForbiddenError(
    `${actor.email} has the "${actor.role}" role, which cannot ${doing}; ask an admin for a role that can.`,
  );
}
