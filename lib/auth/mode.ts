import type { Env } from '@/lib/env';

export type AuthMode = 'demo' | 'iap';

/** Same default as lib/env's check: demo identities with the emulator, IAP against Google. */
export function authMode(
  settings: Pick<Env, 'TIERWISE_AUTH' | 'TIERWISE_EMULATOR_HOST'>,
): AuthMode {
  return settings.TIERWISE_AUTH ?? (settings.TIERWISE_EMULATOR_HOST ? 'demo' : 'iap');
}
