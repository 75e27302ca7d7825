import { NextResponse, type NextRequest } from 'next/server';
import type { Env } from '@/lib/env';
import { actionEnvelopeRefusal } from '@/lib/http/action-envelope';
import { foreignOriginRefusal } from '@/lib/http/same-origin';
import { DEMO_COOKIE, demoUserFromCookie } from './demo';
import { AuthError } from './errors';
import { IAP_ASSERTION_HEADER, type IapVerifier } from './iap';
import { authMode } from './mode';
import { isMutating, type RateLimiter } from './rate-limit';
import { JOB_CHECK_HEADER } from '@/lib/data/job-check-header';
import type { PageCheck } from '@/lib/data/job-check';
import {
  contentSecurityPolicy,
  MAX_BODY_BYTES,
  newNonce,
  NONCE_HEADER,
  USER_EMAIL_HEADER,
} from './security-headers';

export interface AccessProxyOptions {
  readonly settings: Pick<Env, 'TIERWISE_AUTH' | 'TIERWISE_EMULATOR_HOST'>;
  readonly verifyIap: () => IapVerifier;
  readonly limiter: RateLimiter;
  readonly development: boolean;
  /** A request that may pass without signing in, e.g. a signed public link to a shared report. */
  readonly isPublicLink?: (url: URL) => boolean;
  /** The Google read a page needs before it streams (lib/data/job-check.ts); 503 when it fails. */
  readonly pageCheck?: (pathname: string) => Promise<PageCheck | undefined>;
}

/** Reachable without signing in: the load balancer's liveness probe carries no IAP assertion. */
const PUBLIC_PATHS = new Set(['/api/health']);

/**
 * Runs before every route: proves who is calling (IAP mode), caps mutation bodies and rates, and
 * attaches the per-request CSP nonce. Server code still checks roles itself through the guard.
 */
export function createAccessProxy(options: AccessProxyOptions) {
  const mode = authMode(options.settings);
  return async function accessProxy(request: NextRequest): Promise<NextResponse> {
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce, { development: options.development });
    const forwarded = new Headers(request.headers);
    forwarded.delete(USER_EMAIL_HEADER);
    forwarded.delete(JOB_CHECK_HEADER);

    const email = await callerEmail(request, mode, options.verifyIap);
    const anonymous =
      PUBLIC_PATHS.has(request.nextUrl.pathname) ||
      (request.method === 'GET' && options.isPublicLink?.(request.nextUrl) === true);
    if (email === null && !anonymous) {
      return refuse(request, 401, 'Sign in through the Identity-Aware Proxy to use Tierwise.', csp);
    }
    if (email !== null) forwarded.set(USER_EMAIL_HEADER, email);

    if (email !== null && options.pageCheck && isPageView(request)) {
      const check = await options.pageCheck(request.nextUrl.pathname);
      if (check?.kind === 'unavailable') {
        const response = refuse(
          request,
          503,
          `Cloud Run could not be read: ${check.problem}.`,
          csp,
        );
        response.headers.set('Retry-After', '30');
        return response;
      }
      if (check?.kind === 'present' || check?.kind === 'missing') {
        forwarded.set(JOB_CHECK_HEADER, `${check.kind}:${check.job}`);
      }
    }

    if (isMutating(request.method)) {
      // Server actions and API posts alike: another site's page never gets to run one.
      const foreign = foreignOriginRefusal(request);
      if (foreign) return refuse(request, 403, foreign, csp);
      const declaredBytes = Number(request.headers.get('content-length') ?? 0);
      if (declaredBytes > MAX_BODY_BYTES) {
        return refuse(request, 413, `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`, csp);
      }
      const undecodable = await undecodableAction(request);
      if (undecodable) return refuse(request, 400, undecodable, csp);
      const decision = options.limiter.take(email ?? 'anonymous');
      if (!decision.ok) {
        const response = refuse(
          request,
          429,
          'Too many changes in a short time; wait and retry.',
          csp,
        );
        response.headers.set('Retry-After', String(decision.retryAfterSeconds));
        return response;
      }
    }

    forwarded.set('content-security-policy', csp);
    forwarded.set(NONCE_HEADER, nonce);
    const response = NextResponse.next({ request: { headers: forwarded } });
    response.headers.set('Content-Security-Policy', csp);
    return response;
  };
}

/** A page rendered for a person (document or RSC navigation), not a prefetch the router guesses. */
function isPageView(request: NextRequest): boolean {
  if (request.method !== 'GET' || request.nextUrl.pathname.startsWith('/api/')) return false;
  return (
    !request.headers.has('next-router-prefetch') && request.headers.get('purpose') !== 'prefetch'
  );
}

/**
 * A server action post Next could not decode (it would answer 500 before the action runs). A body
 * cut at the proxy's buffer limit fails the same check.
 */
async function undecodableAction(request: NextRequest): Promise<string | undefined> {
  if (request.nextUrl.pathname.startsWith('/api/')) return undefined;
  const refusal = await actionEnvelopeRefusal(request);
  return refusal
    ? `This form submission cannot be read: ${refusal}. Reload the page and submit the form again.`
    : undefined;
}

async function callerEmail(
  request: NextRequest,
  mode: ReturnType<typeof authMode>,
  verifyIap: () => IapVerifier,
): Promise<string | null> {
  if (mode === 'demo') return demoUserFromCookie(request.cookies.get(DEMO_COOKIE)?.value).email;
  if (PUBLIC_PATHS.has(request.nextUrl.pathname)) return null;
  try {
    return (await verifyIap()(request.headers.get(IAP_ASSERTION_HEADER))).email;
  } catch (error) {
    if (error instanceof AuthError) return null;
    throw error;
  }
}

function refuse(request: NextRequest, status: number, message: string, csp: string): NextResponse {
  const wantsJson = request.nextUrl.pathname.startsWith('/api/') || request.method !== 'GET';
  const response = wantsJson
    ? NextResponse.json({ error: message }, { status })
    : new NextResponse(message, {
        status,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
