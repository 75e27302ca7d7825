import type { NextRequest } from 'next/server';
import { createAccessProxy } from '@/lib/auth/access-proxy';
import { iapVerifierFor } from '@/lib/auth/iap-verifier';
import { createRateLimiter } from '@/lib/auth/rate-limit';
import { pageCheck } from '@/lib/data/job-check';
import { env } from '@/lib/env';
import { goneSnapshotResponse } from '@/lib/snapshots/link-gate';
import { isPublicReportRequest } from '@/lib/snapshots/public-links';

// 20 mutations in a burst, then one every two seconds, per signed-in user.
const limiter = createRateLimiter({ capacity: 20, refillPerSecond: 0.5 });
let accessProxy: ReturnType<typeof createAccessProxy> | undefined;

export async function proxy(request: NextRequest) {
  accessProxy ??= createAccessProxy({
    settings: env(),
    verifyIap: () => iapVerifierFor(env()),
    limiter,
    development: process.env.NODE_ENV === 'development',
    isPublicLink: (url) => isPublicReportRequest(env(), url, Date.now()),
    pageCheck: (pathname) => pageCheck(pathname),
  });
  const response = await accessProxy(request);
  // Only a caller who may see the report learns that it is gone.
  if (response.ok && request.method === 'GET') {
    const gone = await goneSnapshotResponse(request.nextUrl);
    if (gone) {
      gone.headers.set(
        'Content-Security-Policy',
        response.headers.get('Content-Security-Policy') ?? '',
      );
      return gone;
    }
  }
  return response;
}

export const config = {
  // Everything but build output and the app's icons (public/, needed by every page, shared report
  // links included): pages, their RSC/prefetch requests, server actions and API routes.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-touch-icon.png).*)'],
};
