import { createRequire } from 'node:module';

/**
 * Next's CLI, run with this Node directly rather than through npx, so the process we start is the
 * server itself and stopping it leaves no orphan behind.
 */
export const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
