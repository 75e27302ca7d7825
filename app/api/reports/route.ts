import { withRole } from '@/lib/auth/guard';
import { errorResponse } from '@/lib/snapshots/http';
import { parseSnapshotRequest } from '@/lib/snapshots/request';
import { takeSharedSnapshot } from '@/lib/snapshots/app';

export const dynamic = 'force-dynamic';

/**
 * `{"job": "reel-stitching-job", "days": 30}` → 201 `{ id, url }`: a frozen, shareable report.
 * Optional: `startMs`/`endMs`, `priceBook` (a built-in id or `custom`; default the team's saved
 * book), `policy` (a tier policy as JSON text; default the approved one), `objective`,
 * `expiresInDays`.
 */
export const POST = withRole('share-report', async (request, _context, user) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json(
      { error: 'Send a JSON body such as {"job": "reel-stitching-job", "days": 30}.' },
      { status: 400 },
    );
  }
  try {
    const { id, url } = await takeSharedSnapshot(user, parseSnapshotRequest(body));
    return Response.json({ id, url }, { status: 201, headers: { location: url } });
  } catch (error) {
    return errorResponse(error);
  }
});
