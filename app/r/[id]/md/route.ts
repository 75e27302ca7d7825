import { snapshotViewer } from '@/lib/snapshots/access';
import { MARKDOWN_CONTENT_TYPE, snapshotMarkdown } from '@/lib/snapshots/exports';
import { errorResponse } from '@/lib/snapshots/http';
import { openSharedSnapshot } from '@/lib/snapshots/app';

export const dynamic = 'force-dynamic';

/** `/r/{id}.md` (rewritten here): the summary to paste into a ticket. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const url = new URL(request.url);
  try {
    await snapshotViewer(id, url.searchParams);
    const { document } = await openSharedSnapshot(id);
    return new Response(snapshotMarkdown(document, url.origin), {
      headers: { 'content-type': MARKDOWN_CONTENT_TYPE, 'cache-control': 'private, no-store' },
    });
  } catch (error) {
    return errorResponse(error, 'text');
  }
}
