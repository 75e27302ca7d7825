import { snapshotViewer } from '@/lib/snapshots/access';
import { openSharedSnapshot, sharedExecutionsCsv } from '@/lib/snapshots/app';
import { CSV_CONTENT_TYPE, csvFileName, tiersCsv } from '@/lib/snapshots/exports';
import { errorResponse } from '@/lib/snapshots/http';

export const dynamic = 'force-dynamic';

/** `/r/{id}.csv` (rewritten here): one row per tier, or `?rows=executions` for every execution, streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  try {
    await snapshotViewer(id, query);
    const { document } = await openSharedSnapshot(id);
    const perExecution = query.get('rows') === 'executions';
    const body = perExecution ? await sharedExecutionsCsv(id) : tiersCsv(document);
    const file = csvFileName(document, perExecution ? 'executions' : 'tiers');
    return new Response(body, {
      headers: {
        'content-type': CSV_CONTENT_TYPE,
        'content-disposition': `attachment; filename="${file}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'text');
  }
}
