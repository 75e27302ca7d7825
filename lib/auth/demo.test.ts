import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { demoUserFromCookie } from './demo';
import { authMode } from './mode';

describe('demo identities', () => {
  it.each([
    ['viewer', 'viewer@demo.tierwise', 'viewer'],
    ['requester', 'requester@demo.tierwise', 'requester'],
    ['approver', 'approver@demo.tierwise', 'approver'],
    ['admin', 'admin@demo.tierwise', 'admin'],
  ])('cookie %s → %s with role %s', (cookie, email, role) => {
    expect(demoUserFromCookie(cookie)).toEqual({ email, role });
  });

  it.each([undefined, null, '', 'root', 'ADMIN', 'admin '])(
    'falls back to the viewer for cookie %j',
    (cookie) => {
      expect(demoUserFromCookie(cookie)).toEqual({ email: 'viewer@demo.tierwise', role: 'viewer' });
    },
  );
});

describe('choosing the sign-in mode', () => {
  const google = { GOOGLE_CLOUD_PROJECT: 'acme-prod-123' };

  it('refuses demo identities when Tierwise reads Google Cloud instead of the emulator', () => {
    expect(() => parseEnv({ ...google, TIERWISE_AUTH: 'demo' })).toThrow(EnvError);
    expect(() => parseEnv({ ...google, TIERWISE_AUTH: 'demo' })).toThrow(/TIERWISE_EMULATOR_HOST/);
  });

  it('allows demo identities with the emulator, and defaults to them there', () => {
    const settings = parseEnv({ TIERWISE_EMULATOR_HOST: '127.0.0.1:8086' });
    expect(authMode(settings)).toBe('demo');
    expect(
      authMode(parseEnv({ TIERWISE_EMULATOR_HOST: '127.0.0.1:8086', TIERWISE_AUTH: 'demo' })),
    ).toBe('demo');
  });

  it('defaults to IAP against Google and then requires the audience', () => {
    expect(() => parseEnv(google)).toThrow(/TIERWISE_IAP_AUDIENCE/);
    const settings = parseEnv({
      ...google,
      TIERWISE_IAP_AUDIENCE: '/projects/1/apps/acme-prod-123',
    });
    expect(authMode(settings)).toBe('iap');
    expect(settings.TIERWISE_IAP_JWKS_URL).toBe(
      'https://www.gstatic.com/iap/verify/public_key-jwk',
    );
  });

  it('lets npm run demo exercise IAP sign-in against the emulator', () => {
    const settings = parseEnv({
      TIERWISE_EMULATOR_HOST: '127.0.0.1:8086',
      TIERWISE_AUTH: 'iap',
      TIERWISE_IAP_AUDIENCE: 'aud',
      TIERWISE_IAP_JWKS_URL: 'http://127.0.0.1:9999/jwk',
    });
    expect(authMode(settings)).toBe('iap');
  });

  it('reads the first admins as a normalised email list and names a bad entry', () => {
    const settings = parseEnv({
      TIERWISE_EMULATOR_HOST: '127.0.0.1:8086',
      TIERWISE_ADMINS: ' Ana@Example.com, bo@example.com ,',
    });
    expect(settings.TIERWISE_ADMINS).toEqual(['ana@example.com', 'bo@example.com']);
    expect(parseEnv({ TIERWISE_EMULATOR_HOST: '127.0.0.1:8086' }).TIERWISE_ADMINS).toEqual([]);
    expect(() =>
      parseEnv({
        TIERWISE_EMULATOR_HOST: '127.0.0.1:8086',
        TIERWISE_ADMINS: 'ana@example.com, bo',
      }),
    ).toThrow(/TIERWISE_ADMINS/);
  });
});
