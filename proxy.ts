import type { NextRequest } from 'next/server';
import { createAccessProxy } from '@/lib/auth/access-proxy';
import { iapVerifierFor } from '@/lib/auth/iap-verifier';
import { createRateLimiter } from '@/lib/auth/rate-limit';
import { env } from '@/lib/env';

// 20 mutations in a burst, then one every two seconds, per signed-in user.
const limiter = createRateLimiter({ capacity: 20, refillPerSecond: 0.5 });
let accessProxy: ReturnType<typeof createAccessProxy> | undefined;

export function proxy(request: NextRequest) {
  accessProxy ??= createAccessProxy({
    settings: env(),
    verifyIap: () => iapVerifierFor(env()),
    limiter,
    development: process.env.NODE_ENV === 'development',
  });
  return accessProxy(request);
}

export const config = {
  // Everything but build output: pages, their RSC/prefetch requests, server actions and API routes.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
