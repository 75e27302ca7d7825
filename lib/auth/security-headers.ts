/** Set by the proxy after it verified the caller; any copy a client sends is deleted first. */
export const USER_EMAIL_HEADER = 'x-tierwise-user-email';
/** Set by the access proxy only: `present:JOB` or `missing:JOB`, what Cloud Run said before the page. */
export const JOB_CHECK_HEADER = 'x-tierwise-job-check';
export const NONCE_HEADER = 'x-nonce';

/** Largest request body a mutation may send; server actions are capped separately in next.config. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Per-request policy: scripts only with this response's nonce (Next.js adds it to its own inline
 * scripts when it finds it in the request's CSP header); inline style attributes stay allowed
 * because React and Recharts render them.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

export function newNonce(): string {
  return btoa(crypto.randomUUID());
}

/** Headers for every response, static files included (next.config.ts `headers()`). */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  },
];
