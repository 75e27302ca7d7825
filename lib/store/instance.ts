import { env } from '@/lib/env';
import { openStore } from './open';
import type { Store } from './schema';

let opening: Promise<Store> | undefined;

/** The process's one store, opened (and migrated) on first use from DATABASE_URL. */
export async function getStore(): Promise<Store> {
  opening ??= openStore(env().DATABASE_URL).catch((error: unknown) => {
    // A failed open is retried on the next request instead of being cached forever.
    opening = undefined;
    throw error;
  });
  return opening;
}
