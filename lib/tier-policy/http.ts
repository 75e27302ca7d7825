/** JSON API of tier policy versions; the approved policy is what orchestrators read. */
import { withRole, type AuthorizedUser } from '@/lib/auth/guard';
import type { Store } from '@/lib/store';
import { getStore } from '@/lib/store/instance';
import { serviceErrorResponse as errorResponse } from '@/lib/service/http';
import {
  approveTierPolicy,
  proposeTierPolicy,
  rejectTierPolicy,
  tierPolicyEtag,
} from '@/lib/tier-policy/proposals';
import { approvedTierPolicy, type ApprovedTierPolicy } from '@/lib/store/tier-policies';

type StoreSource = () => Promise<Store>;
type ActionParams = { params: Promise<{ id: string; action: string }> };

const actor = (user: AuthorizedUser) => ({ email: user.email, role: user.role });

async function body(request: Request): Promise<unknown> {
  try {
    const text = await request.text();
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function approvedJson(approved: ApprovedTierPolicy) {
  return {
    version: approved.version,
    tiers: approved.policy.tiers,
    proposalId: approved.proposalId,
    approvedBy: approved.approvedBy,
    approvedAt: approved.approvedAt === null ? null : new Date(approved.approvedAt).toISOString(),
  };
}

export function tierPolicyRoutes(source: StoreSource) {
  return {
    /** `GET /api/tier-policy`: the approved policy with an ETag; If-None-Match answers 304. */
    GET: withRole('view-reports', async (request: Request) => {
      const approved = await approvedTierPolicy(await source());
      const etag = tierPolicyEtag(approved.version);
      const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
      const asked =
        request.headers
          .get('If-None-Match')
          ?.split(',')
          .map((tag) => tag.trim()) ?? [];
      if (asked.includes(etag) || asked.includes('*'))
        return new Response(null, { status: 304, headers });
      return Response.json(approvedJson(approved), { headers });
    }),
    /** `POST /api/tier-policy` with `{"policy": {"tiers": […]}, "reason": "…"}`. */
    POST: withRole('propose-change', async (request: Request, _context: unknown, user) => {
      const raw = await body(request);
      if (raw === undefined)
        return Response.json({ errors: { body: 'Send a JSON object.' } }, { status: 400 });
      try {
        return Response.json(await proposeTierPolicy(await source(), actor(user), raw), {
          status: 201,
        });
      } catch (error) {
        return errorResponse(error);
      }
    }),
  };
}

/** `POST /api/tier-policy/{id}/approve|reject` with `{"comment": "…"}`. */
export function tierPolicyActionRoutes(source: StoreSource) {
  return {
    POST: withRole('approve-change', async (request: Request, context: ActionParams, user) => {
      const { id, action } = await context.params;
      const raw = await body(request);
      if (raw === undefined)
        return Response.json({ errors: { body: 'Send a JSON object.' } }, { status: 400 });
      try {
        if (action === 'approve') {
          const { proposal, approved } = await approveTierPolicy(
            await source(),
            actor(user),
            id,
            raw,
          );
          return Response.json({ proposal, approved: approvedJson(approved) });
        }
        if (action === 'reject')
          return Response.json(await rejectTierPolicy(await source(), actor(user), id, raw));
        return Response.json(
          { error: `Unknown action "${action}"; use approve or reject.` },
          { status: 404 },
        );
      } catch (error) {
        return errorResponse(error);
      }
    }),
  };
}

/** The routes on the app's own store. */
export const appTierPolicyRoutes = () => tierPolicyRoutes(getStore);
export const appTierPolicyActionRoutes = () => tierPolicyActionRoutes(getStore);
