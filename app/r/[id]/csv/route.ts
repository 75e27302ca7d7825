import { snapshotViewer } from '@/lib/reports/access';
import { CSV_CONTENT_TYPE, csvFileName, executionsCsv, tiersCsv } from '@/lib/reports/exports';
import { errorResponse } from '@/lib/reports/http';
import { openSnapshot } from '@/lib/reports/snapshots';
import { getStore } from '@/lib/store/instance';

export const dynamic = 'force-dynamic';

/** `/r/{id}.csv` (rewritten here): one row per tier, or `?rows=executions` for every execution, streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  try {
    await snapshotViewer(id, query);
    const store = await getStore();
    const { document } = await openSnapshot(store, id);
    const perExecution = query.get('rows') === 'executions';
    const body = perExecution ? executionsCsv(store, id) : tiersCsv(document);
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
