import { describe, expect, it } from 'vitest';
import { createMemoryDirectory, withFirstAdmins, type RoleDirectory } from './directory';

describe('first admins from TIERWISE_ADMINS', () => {
  it('are made admins before the first lookup, once', async () => {
    const inner = createMemoryDirectory({ 'ana@example.com': 'viewer' });
    let seedings = 0;
    const counting: RoleDirectory = {
      ...inner,
      ensureAdmins: async (emails) => {
        seedings += 1;
        await inner.ensureAdmins(emails);
      },
    };
    const directory = withFirstAdmins(counting, ['boss@example.com']);
    expect(seedings).toBe(0);
    expect(await directory.getRole('boss@example.com')).toBe('admin');
    expect(await directory.getRole('ana@example.com')).toBe('viewer');
    expect(await directory.listUsers()).toHaveLength(2);
    expect(seedings).toBe(1);
  });

  it('retries seeding on the next request when the store was down', async () => {
    const inner = createMemoryDirectory();
    let failNext = true;
    const flaky: RoleDirectory = {
      ...inner,
      ensureAdmins: async (emails) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        await inner.ensureAdmins(emails);
      },
    };
    const directory = withFirstAdmins(flaky, ['boss@example.com']);
    await expect(directory.getRole('boss@example.com')).rejects.toThrow('database unavailable');
    expect(await directory.getRole('boss@example.com')).toBe('admin');
  });

  it('a revoked first admin stays revoked until the process restarts', async () => {
    const directory = withFirstAdmins(createMemoryDirectory(), ['boss@example.com']);
    await directory.grantRole('ana@example.com', 'admin', 'boss@example.com');
    await directory.revokeUser('boss@example.com', 'ana@example.com');
    expect(await directory.getRole('boss@example.com')).toBeNull();
  });
});
