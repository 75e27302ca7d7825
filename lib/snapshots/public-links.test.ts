import { describe, expect, it } from 'vitest';
import { newSnapshotId } from '@/lib/snapshots/ids';
import {
  assertPublicLink,
  checkPublicLink,
  isPublicReportRequest,
  publicLinkQuery,
} from '@/lib/snapshots/public-links';

const SECRET = 'x'.repeat(40);
const ON = { TIERWISE_PUBLIC_LINKS: 'on', TIERWISE_SHARE_SECRET: SECRET } as const;
const NOW = Date.UTC(2026, 0, 15);
const id = newSnapshotId();
const link = (expiresAtMs: number, secret = SECRET) =>
  new URL(`http://tierwise.test/r/${id}?${publicLinkQuery(secret, id, expiresAtMs)}`);

describe('public report links', () => {
  it('open a snapshot without signing in until they expire', () => {
    const url = link(NOW + 3_600_000);
    expect(checkPublicLink(ON, id, url.searchParams, NOW)).toEqual({
      kind: 'valid',
      expiresAtMs: NOW + 3_600_000,
    });
    expect(isPublicReportRequest(ON, url, NOW)).toBe(true);
    expect(isPublicReportRequest(ON, new URL(`http://t/r/${id}.csv${url.search}`), NOW)).toBe(true);
    expect(isPublicReportRequest(ON, url, NOW + 3_600_000)).toBe(false);
    const expired = checkPublicLink(ON, id, url.searchParams, NOW + 3_600_000);
    expect(() => assertPublicLink(expired, id)).toThrow(expect.objectContaining({ status: 410 }));
  });

  it('refuse a link whose expiry, id or signature was altered, or signed with another secret', () => {
    const url = link(NOW + 3_600_000);
    const later = new URLSearchParams(url.search);
    later.set('expires', String(NOW + 365 * 86_400_000));
    expect(checkPublicLink(ON, id, later, NOW)).toMatchObject({
      kind: 'invalid',
      reason: 'bad-signature',
    });
    expect(checkPublicLink(ON, newSnapshotId(), url.searchParams, NOW)).toMatchObject({
      kind: 'invalid',
    });
    expect(
      checkPublicLink(ON, id, link(NOW + 3_600_000, 'y'.repeat(40)).searchParams, NOW),
    ).toMatchObject({ kind: 'invalid' });
    expect(isPublicReportRequest(ON, new URL(`http://t/api/reports/${id}${url.search}`), NOW)).toBe(
      false,
    );
  });

  it('are refused everywhere while the deployment has them off', () => {
    const url = link(NOW + 3_600_000);
    const off = { TIERWISE_PUBLIC_LINKS: 'off', TIERWISE_SHARE_SECRET: SECRET } as const;
    expect(checkPublicLink(off, id, url.searchParams, NOW)).toEqual({
      kind: 'invalid',
      reason: 'disabled',
    });
    expect(isPublicReportRequest(off, url, NOW)).toBe(false);
    expect(checkPublicLink(off, id, new URLSearchParams(), NOW)).toEqual({ kind: 'none' });
  });
});
