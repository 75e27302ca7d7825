import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthError } from './errors';

export const IAP_ASSERTION_HEADER = 'x-goog-iap-jwt-assertion';
export const IAP_ISSUER = 'https://cloud.google.com/iap';
export const DEFAULT_IAP_JWKS_URL = 'https://www.gstatic.com/iap/verify/public_key-jwk';
const CLOCK_TOLERANCE_SECONDS = 30;

export interface IapIdentity {
  readonly email: string;
  readonly subject: string;
}

export interface IapVerifierOptions {
  readonly audience: string;
  readonly jwksUrl?: string;
  /** Where rejections are reported; never receives the token itself. */
  readonly log?: (line: string) => void;
  /** Test seam: the clock jose compares exp/nbf/iat against. */
  readonly currentDate?: () => Date;
  /** Least time between two key-set fetches, so unknown `kid`s cannot make us hammer Google. */
  readonly keyRefetchCooldownMs?: number;
}

export type IapVerifier = (assertion: string | null | undefined) => Promise<IapIdentity>;

/**
 * Verifies the signed header IAP adds to every request it lets through. Keys come from Google's
 * published JWK set, cached by jose and refetched when a token names an unknown `kid`.
 */
export function createIapVerifier(options: IapVerifierOptions): IapVerifier {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(
    new URL(options.jwksUrl ?? DEFAULT_IAP_JWKS_URL),
    {
      cooldownDuration: options.keyRefetchCooldownMs ?? 30_000,
      cacheMaxAge: 60 * 60_000,
      timeoutDuration: 5_000,
    },
  );
  const log = options.log ?? ((line: string) => console.warn(line));

  return async (assertion) => {
    if (!assertion) {
      log('IAP sign-in rejected: no x-goog-iap-jwt-assertion header');
      throw new AuthError();
    }
    try {
      const { payload } = await jwtVerify(assertion, keys, {
        algorithms: ['ES256'],
        issuer: IAP_ISSUER,
        audience: options.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', 'email'],
        currentDate: options.currentDate?.(),
      });
      // jose accepts any iat; a token minted in the future means a forged or broken clock.
      const nowSeconds = Math.floor((options.currentDate?.() ?? new Date()).getTime() / 1000);
      if (typeof payload.iat !== 'number' || payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
        throw new AuthError('The IAP assertion was issued in the future.');
      }
      if (typeof payload.email !== 'string' || !payload.email.includes('@')) {
        throw new AuthError('The IAP assertion carries no email address.');
      }
      return { email: payload.email.toLowerCase(), subject: String(payload.sub) };
    } catch (error) {
      log(`IAP sign-in rejected: ${describeRejection(error)}`);
      throw new AuthError();
    }
  };
}

/** A reason fit for logs: the error class and jose's code, never the token or its claims' values. */
function describeRejection(error: unknown): string {
  if (error instanceof joseErrors.JOSEError) return `${error.code} ${error.message}`;
  if (error instanceof AuthError) return error.message;
  return error instanceof Error ? error.name : 'unknown error';
}
