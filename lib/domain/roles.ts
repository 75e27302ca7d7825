/** Roles in increasing order of trust; each role holds every permission of the roles before it. */
export const ROLES = ['viewer', 'requester', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'view-reports',
  'propose-change',
  'share-report',
  'approve-change',
  'apply-change',
  'manage-users',
  'edit-settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The least role that holds each permission (DESIGN §7 / the identity and roles capability). */
export const PERMISSION_MIN_ROLE: Readonly<Record<Permission, Role>> = {
  'view-reports': 'viewer',
  'propose-change': 'requester',
  'share-report': 'requester',
  'approve-change': 'approver',
  'apply-change': 'approver',
  'manage-users': 'admin',
  'edit-settings': 'admin',
};

/** What a page, action or route asks for: a minimum role or a named permission. */
export type Requirement = Role | Permission;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The least role that satisfies a requirement. */
export function minimumRole(requirement: Requirement): Role {
  return isRole(requirement) ? requirement : PERMISSION_MIN_ROLE[requirement];
}

export function roleSatisfies(role: Role, requirement: Requirement): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimumRole(requirement));
}
