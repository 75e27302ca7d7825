/**
 * Optional public links to a snapshot for people outside the dashboard: HMAC-signed with the
 * deployment's TIERWISE_SHARE_SECRET, expiring, and dead as soon as the snapshot is revoked (or the
 * secret rotated). Off unless TIERWISE_PUBLIC_LINKS=on. No store access here: the proxy uses it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Env } from '@/lib/env';
import { PublicLinkError, SnapshotGoneError } from '@/lib/snapshots/errors';
import { isSnapshotId } from '@/lib/snapshots/ids';

export type PublicLinkSettings = Pick<Env, 'TIERWISE_PUBLIC_LINKS' | 'TIERWISE_SHARE_SECRET'>;

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
/** Matches a snapshot page or its exports: /r/ID, /r/ID.csv, /r/ID.md. */
const SNAPSHOT_PATH = /^\/r\/([A-Za-z0-9_-]{22})(\.csv|\.md)?$/;

export function publicLinksEnabled(settings: PublicLinkSettings): settings is PublicLinkSettings & {
  TIERWISE_SHARE_SECRET: string;
} {
  return settings.TIERWISE_PUBLIC_LINKS === 'on' && !!settings.TIERWISE_SHARE_SECRET;
}

function sign(secret: string, id: string, expiresAtMs: number): string {
  return createHmac('sha256', secret)
    .update(`tierwise-public-report:v1:${id}:${expiresAtMs}`)
    .digest('base64url');
}

export function publicLinkQuery(secret: string, id: string, expiresAtMs: number): string {
  return `expires=${expiresAtMs}&sig=${sign(secret, id, expiresAtMs)}`;
}

export type PublicLinkCheck =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly expiresAtMs: number }
  | { readonly kind: 'invalid'; readonly reason: 'disabled' | 'bad-signature' }
  | { readonly kind: 'expired'; readonly expiresAtMs: number };

/** Reads `expires` and `sig` from a link; `none` when the link carries no signature at all. */
export function checkPublicLink(
  settings: PublicLinkSettings,
  id: string,
  params: { get(name: string): string | null },
  nowMs: number,
): PublicLinkCheck {
  const signature = params.get('sig');
  if (signature === null) return { kind: 'none' };
  if (!publicLinksEnabled(settings)) return { kind: 'invalid', reason: 'disabled' };
  const expiresAtMs = Number(params.get('expires'));
  if (!isSnapshotId(id) || !SIGNATURE.test(signature) || !Number.isSafeInteger(expiresAtMs)) {
    return { kind: 'invalid', reason: 'bad-signature' };
  }
  const expected = Buffer.from(sign(settings.TIERWISE_SHARE_SECRET, id, expiresAtMs));
  if (!timingSafeEqual(expected, Buffer.from(signature)))
    return { kind: 'invalid', reason: 'bad-signature' };
  return nowMs >= expiresAtMs ? { kind: 'expired', expiresAtMs } : { kind: 'valid', expiresAtMs };
}

/** For the access proxy: a request that may pass without signing in carries a valid public link. */
export function isPublicReportRequest(
  settings: PublicLinkSettings,
  url: URL,
  nowMs: number,
): boolean {
  const match = SNAPSHOT_PATH.exec(url.pathname);
  if (!match?.[1]) return false;
  return checkPublicLink(settings, match[1], url.searchParams, nowMs).kind === 'valid';
}

/** Throws the error a visitor should see for a public link that must not open. */
export function assertPublicLink(check: PublicLinkCheck, id: string): void {
  if (check.kind === 'expired') throw new SnapshotGoneError(id, 'link-expired', check.expiresAtMs);
  if (check.kind === 'invalid') {
    throw new PublicLinkError(
      check.reason === 'disabled'
        ? 'Public links are turned off in this Tierwise deployment; sign in to open this report.'
        : 'This public link is damaged or was altered; ask whoever shared it for the link again.',
    );
  }
}
