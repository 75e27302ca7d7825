/** `POST /api/changes/{id}/applied-outside` `{"note"}`: record an approved change as applied. */
import { withRole } from '@/lib/auth/guard';
import type { ChangeContext } from '@/lib/changes/service-context';
import { isChangeError } from './errors';
import { changeJson } from '@/lib/changes/change-json';
import { markAppliedOutside } from './outside';

type Params = { params: Promise<{ id: string }> };

export function appliedOutsideRoutes(source: () => Promise<ChangeContext>) {
  return {
    POST: withRole<Params>('apply-change', async (request, { params }, user) => {
      const { id } = await params;
      let body: unknown;
      try {
        body = JSON.parse(await request.text()) as unknown;
      } catch {
        return Response.json(
          { errors: { body: 'Send a JSON object such as {"note": "…"}.' } },
          { status: 400 },
        );
      }
      try {
        const actor = { email: user.email, role: user.role };
        return Response.json(changeJson(await markAppliedOutside(await source(), actor, id, body)));
      } catch (error) {
        if (!isChangeError(error)) throw error;
        const answer = 'errors' in error ? { errors: error.errors } : { error: error.message };
        return Response.json(answer, { status: error.status });
      }
    }),
  };
}
