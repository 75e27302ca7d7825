import { z } from 'zod';
import type { RoleDirectory } from './directory';
import type { ActionResult, AuthorizedUser } from './guard';
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
function selfChange(actor: AuthorizedUser, email: string): ActionResult<never> | null {
  if (email !== actor.email) return null;
  return { ok: false, status: 409, error: 'You cannot change your own role; ask another admin.' };
}

export async function grantUserRole(
  directory: RoleDirectory,
  actor: AuthorizedUser,
  input: unknown,
): Promise<ActionResult<{ email: string; role: Role }>> {
  const parsed = grantRoleSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      error: 'Check the highlighted fields.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  const { email, role } = parsed.data;
  const refused = selfChange(actor, email);
  if (refused) return refused;
  await directory.grantRole(email, role, actor.email);
  return { ok: true, value: { email, role } };
}

export async function revokeUserAccess(
  directory: RoleDirectory,
  actor: AuthorizedUser,
  input: unknown,
): Promise<ActionResult<{ email: string }>> {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: 'Not an email address.' };
  const refused = selfChange(actor, parsed.data);
  if (refused) return refused;
  await directory.revokeUser(parsed.data, actor.email);
  return { ok: true, value: { email: parsed.data } };
}
