/** Who may open a snapshot: anyone with the viewer role, or anyone holding a valid public link. */
import { ServiceError } from '@/lib/service/errors';
import { requireRole } from '@/lib/auth/guard';
import { isAccessError } from '@/lib/auth/errors';
import { env } from '@/lib/env';
import { assertPublicLink, checkPublicLink } from '@/lib/snapshots/public-links';

export type SnapshotViewer =
  | { readonly kind: 'signed-in'; readonly email: string; readonly role: string }
  | { readonly kind: 'public'; readonly expiresAtMs: number };

export class SnapshotAccessError extends ServiceError {
  declare readonly status: 401 | 403;
  constructor(message: string, status: 401 | 403) {
    super(status, message);
    this.name = 'SnapshotAccessError';
  }
}

/** A signed link is checked first (it must be valid if present); otherwise the viewer role is required. */
export async function snapshotViewer(
  id: string,
  params: { get(name: string): string | null },
): Promise<SnapshotViewer> {
  const check = checkPublicLink(env(), id, params, Date.now());
  if (check.kind === 'valid') return { kind: 'public', expiresAtMs: check.expiresAtMs };
  assertPublicLink(check, id);
  try {
    const user = await requireRole('view-reports');
    return { kind: 'signed-in', email: user.email, role: user.role };
  } catch (error) {
    if (isAccessError(error)) throw new SnapshotAccessError(error.message, error.status);
    throw error;
  }
}
