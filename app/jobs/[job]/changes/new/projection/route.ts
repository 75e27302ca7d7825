import { withRole } from '@/lib/auth/guard';
import { projectFormLimits } from '@/lib/changes/projection';

type Context = { params: Promise<{ job: string }> };

/** The projected effect of the limits in the change form; see lib/changes/projection.ts. */
export const GET = withRole('view-reports', async (request: Request, { params }: Context) => {
  const { job } = await params;
  const result = await projectFormLimits(job, new URL(request.url).searchParams);
  return Response.json(result, {
    status: result.ok ? 200 : result.status,
    headers: { 'cache-control': 'no-store' },
  });
});
