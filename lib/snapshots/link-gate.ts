/**
 * Pages cannot answer 410, so the proxy asks here first: a revoked or expired snapshot's page is
 * answered with 410 and a plain message before anything renders. Unknown ids fall through to 404.
 */
import { getStore } from '@/lib/store/instance';
import { SnapshotGoneError } from '@/lib/snapshots/errors';
import { openSnapshot } from '@/lib/snapshots/snapshots';

const SNAPSHOT_PAGE = /^\/r\/([A-Za-z0-9_-]{22})$/;

export async function goneSnapshotResponse(url: URL): Promise<Response | undefined> {
  const id = SNAPSHOT_PAGE.exec(url.pathname)?.[1];
  if (id === undefined) return undefined;
  try {
    await openSnapshot(await getStore(), id);
    return undefined;
  } catch (error) {
    if (!(error instanceof SnapshotGoneError)) return undefined;
    return new Response(error.message, {
      status: 410,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
}
