import { isRole, type Role } from '@/lib/domain/roles';

export const DEMO_COOKIE = 'tierwise-demo-user';
export const DEMO_DOMAIN = 'demo.tierwise';

export interface DemoUser {
  readonly email: string;
  readonly role: Role;
}

export function demoUser(role: Role): DemoUser {
  return { email: `${role}@${DEMO_DOMAIN}`, role };
}

/**
 * The demo identity named by the cookie (its value is the role name). Absent or unknown values
 * fall back to the viewer, so a bad cookie can never grant more than reading.
 */
export function demoUserFromCookie(value: string | null | undefined): DemoUser {
  return demoUser(isRole(value) ? value : 'viewer');
}
