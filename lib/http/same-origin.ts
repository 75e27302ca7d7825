/**
 * The one guard every mutating route handler runs before anything else (via `withRole`, or
 * `refuseCrossSite` directly for a handler without a role): a browser on another site must not
 * be able to post to the API. Server actions get the same check from Next itself.
 *
 * - `GET`/`HEAD`/`OPTIONS` pass untouched.
 * - `Sec-Fetch-Site`, when the browser sends it, must be `same-origin` (or `none`: typed by the user).
 * - `Origin`, when sent, must name this host (`X-Forwarded-Host`, else `Host`, else the URL's
 *   host); `null` and other ports are foreign. Automation without `Origin` (curl, CI) passes.
 * - A request with a body must declare `Content-Type: application/json`; `text/plain` and form
 *   encodings are what a cross-site `<form>` or "simple" `fetch` can send without a preflight.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function expectedHost(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return (forwarded || request.headers.get('host') || new URL(request.url).host).toLowerCase();
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The origin half alone, for mutations whose body is not JSON (server actions post forms): why the
 * request is refused with 403, or `undefined`. The access proxy runs it on every mutation.
 */
export function foreignOriginRefusal(request: Request): string | undefined {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return `Cross-site request refused (Sec-Fetch-Site: ${site.slice(0, 40)}).`;
  }
  const origin = request.headers.get('origin');
  if (origin !== null && originHost(origin) !== expectedHost(request)) {
    return `Cross-origin request refused (Origin: ${origin.slice(0, 100)}).`;
  }
  return undefined;
}

/** Why the request is refused, or `undefined` when it may go on. */
export function crossSiteRefusal(
  request: Request,
): { status: 403 | 415; error: string } | undefined {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
  const foreign = foreignOriginRefusal(request);
  if (foreign) return { status: 403, error: foreign };
  const type = request.headers.get('content-type');
  const hasBody = request.body !== null || type !== null;
  if (hasBody && !/^application\/json\s*(;|$)/i.test(type ?? '')) {
    return {
      status: 415,
      error: `Send the body as JSON with Content-Type: application/json (got ${type ? type.slice(0, 60) : 'none'}).`,
    };
  }
  return undefined;
}

/** The refusal as a JSON response, or `undefined` when the request may go on. */
export function refuseCrossSite(request: Request): Response | undefined {
  const refusal = crossSiteRefusal(request);
  return refusal && Response.json({ error: refusal.error }, { status: refusal.status });
}
