/** `GET /api/changes/{id}/as/gcloud|yaml|terraform`: the change as code, plain text. */
import { withRole } from '@/lib/auth/guard';
import type { ChangeContext } from '@/lib/changes/service-context';
import { isChangeError } from '../errors';
import { exportChange } from './export';

type Params = { params: Promise<{ id: string; format: string }> };

const FILE_NAMES: Record<string, string> = {
  gcloud: 'change.sh',
  yaml: 'job.yaml',
  terraform: 'job.tf',
};

export function changeExportRoutes(source: () => Promise<ChangeContext>) {
  return {
    GET: withRole<Params>('view-reports', async (_request, { params }) => {
      const { id, format } = await params;
      try {
        const text = await exportChange(await source(), id, format);
        return new Response(text, {
          headers: {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Disposition': `inline; filename="${id}-${FILE_NAMES[format] ?? 'change.txt'}"`,
            'Cache-Control': 'no-store',
          },
        });
      } catch (error) {
        if (!isChangeError(error)) throw error;
        const body = 'errors' in error ? { errors: error.errors } : { error: error.message };
        return Response.json(body, { status: error.status });
      }
    }),
  };
}
