import type { SnapshotViewer } from '@/lib/snapshots/access';
import { formatDateTimeUtc } from '@/lib/format';

function utc(ms: number): string {
  return `${formatDateTimeUtc(ms)} UTC`;
}

/** Says plainly which kind of link this page was opened with. */
export function LinkKind({
  viewer,
  expiresAtMs,
}: {
  viewer: SnapshotViewer;
  expiresAtMs: number | null;
}) {
  const snapshotExpiry =
    expiresAtMs === null ? '' : ` The snapshot itself expires ${utc(expiresAtMs)}.`;
  return (
    <p
      className="rounded border border-border bg-card px-3 py-2 text-sm"
      data-link-kind={viewer.kind}
    >
      {viewer.kind === 'public'
        ? `Public link: anyone holding it can read this report until ${utc(viewer.expiresAtMs)}, unless it is revoked.`
        : `Signed-in link: only people with a Tierwise role can open it. You are ${viewer.email}.`}
      {snapshotExpiry}
    </p>
  );
}
