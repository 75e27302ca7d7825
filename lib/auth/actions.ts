'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { env } from '@/lib/env';
import { malformedActionInput } from '@/lib/http/action-input';
import { DEMO_COOKIE } from './demo';
import { guardedAction, type ActionResult } from './guard';
import { authMode } from './mode';
import { isRole, type Role } from '@/lib/domain/roles';
import { roleDirectory } from './session';
import { grantUserRole, revokeUserAccess } from './users';

export async function grantRoleAction(
  _previous: ActionResult<{ email: string; role: Role }> | null,
  form: FormData,
): Promise<ActionResult<{ email: string; role: Role }>> {
  const malformed = malformedActionInput({ form });
  if (malformed) return malformed;
  const result = await guardedAction('manage-users', (admin) =>
    grantUserRole(roleDirectory(), admin, { email: form.get('email'), role: form.get('role') }),
  );
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

export async function revokeUserAction(email: string): Promise<ActionResult<{ email: string }>> {
  const malformed = malformedActionInput({ email });
  if (malformed) return malformed;
  const result = await guardedAction('manage-users', (admin) =>
    revokeUserAccess(roleDirectory(), admin, email),
  );
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

/** Demo only: picks which built-in identity the browser acts as. */
export async function switchDemoUserAction(form: FormData): Promise<void> {
  if (malformedActionInput({ form })) return;
  const role = form.get('role');
  if (authMode(env()) !== 'demo' || !isRole(role)) return;
  (await cookies()).set(DEMO_COOKIE, role, { httpOnly: true, sameSite: 'lax', path: '/' });
  revalidatePath('/', 'layout');
}
