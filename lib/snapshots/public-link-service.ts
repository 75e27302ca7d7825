/** Creates public links: the one place that signs them, after checking the snapshot is open. */
import { appendAudit, type Store } from '@/lib/store';
import { PublicLinkError } from '@/lib/snapshots/errors';
import {
  publicLinkQuery,
  publicLinksEnabled,
  type PublicLinkSettings,
} from '@/lib/snapshots/public-links';
import { openSnapshot, type SnapshotActor } from '@/lib/snapshots/snapshots';

const DAY_MS = 86_400_000;
export const MAX_PUBLIC_LINK_DAYS = 30;

/** Signs a public link to an open snapshot; it expires with the snapshot at the latest. Audited. */
export async function createPublicLink(
  settings: PublicLinkSettings,
  store: Store,
  actor: SnapshotActor,
  id: string,
  days: number,
): Promise<{ url: string; expiresAtMs: number }> {
  if (!publicLinksEnabled(settings)) {
    throw new PublicLinkError(
      'Public links are turned off here; set TIERWISE_PUBLIC_LINKS=on and TIERWISE_SHARE_SECRET.',
    );
  }
  if (!(Number.isInteger(days) && days >= 1 && days <= MAX_PUBLIC_LINK_DAYS)) {
    throw new PublicLinkError(
      `A public link lasts 1 to ${MAX_PUBLIC_LINK_DAYS} days; ${days} is not usable.`,
    );
  }
  const { document } = await openSnapshot(store, id);
  const limit = document.expiresAtMs ?? Number.POSITIVE_INFINITY;
  const expiresAtMs = Math.min(store.now() + days * DAY_MS, limit);
  await appendAudit(store, {
    actor: actor.email,
    action: 'report.public-link',
    target: `report:${id}`,
    details: { expiresAtMs },
  });
  return {
    url: `${document.url}?${publicLinkQuery(settings.TIERWISE_SHARE_SECRET, id, expiresAtMs)}`,
    expiresAtMs,
  };
}
