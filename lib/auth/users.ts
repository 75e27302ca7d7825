import { z } from 'zod';
import type { RoleDirectory } from './directory';
import type { AuthorizedUser } from './guard';
import { ServiceError } from '@/lib/service/errors';
import { ROLES, type Role } from '@/lib/domain/roles';

/** Shared by the /admin/users form and the server, which re-checks it. */
export const grantRoleSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('Enter an email address, e.g. ana@example.com')),
  role: z.enum(ROLES, `Choose one of: ${ROLES.join(', ')}`),
});
export type GrantRoleInput = z.infer<typeof grantRoleSchema>;

const emailSchema = grantRoleSchema.shape.email;

/** Admins cannot change their own access, so the last admin cannot lock everyone out by accident. */
function refuseSelfChange(actor: AuthorizedUser, email: string): void {
  if (email === actor.email) {
    throw new ServiceError(409, 'You cannot change your own role; ask another admin.');
  }
}

export async function grantUserRole(
  directory: RoleDirectory,
  actor: AuthorizedUser,
  input: unknown,
): Promise<{ email: string; role: Role }> {
  const parsed = grantRoleSchema.safeParse(input);
  if (!parsed.success) {
    throw new ServiceError(400, 'Check the highlighted fields.', {
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    });
  }
  const { email, role } = parsed.data;
  refuseSelfChange(actor, email);
  await directory.grantRole(email, role, actor.email);
  return { email, role };
}

export async function revokeUserAccess(
  directory: RoleDirectory,
  actor: AuthorizedUser,
  input: unknown,
): Promise<{ email: string }> {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) throw new ServiceError(400, 'Not an email address.');
  refuseSelfChange(actor, parsed.data);
  await directory.revokeUser(parsed.data, actor.email);
  return { email: parsed.data };
}
