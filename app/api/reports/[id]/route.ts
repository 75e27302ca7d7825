import { snapshotViewer } from '@/lib/snapshots/access';
import { errorResponse } from '@/lib/snapshots/http';
import { openSharedSnapshot } from '@/lib/snapshots/app';

export const dynamic = 'force-dynamic';

/** The frozen JSON, exactly as stored: the same bytes on every read. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    await snapshotViewer(id, new URL(request.url).searchParams);
    const { documentText } = await openSharedSnapshot(id);
    return new Response(documentText, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
