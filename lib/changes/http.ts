/**
 * The JSON API over the change service, for automation: the same service calls and role checks
 * as the forms, nothing else. Route files bind these to the app's context.
 */
import { withRole, type AuthorizedUser } from '@/lib/auth/guard';
import type { Requirement } from '@/lib/domain/roles';
import { applyChange, type ApplyOutcome } from './apply';
import { proposeChanges } from '@/lib/changes/plans/batch';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';
import { approveChange, rejectChange, withdrawChange } from './decide';
import { serviceErrorResponse as errorResponse } from '@/lib/service/http';
import { changeJson, changeViewJson } from '@/lib/changes/change-json';
import { proposeAnyChange } from '@/lib/changes/plans/split';
import { getChangeView, isChangeState, listChanges } from './queries';
import { placeFields, requestedPlace } from './place';
import { verifiedChangeJson, verifyAppliedChange } from './verify';

type ContextSource = () => Promise<ChangeContext>;
type IdParams = { params: Promise<{ id: string }> };
type ActionParams = { params: Promise<{ id: string; action: string }> };

const actor = (user: AuthorizedUser): Actor => ({ email: user.email, role: user.role });

async function jsonBody(request: Request, optional: boolean): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '' && optional) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const notJson = () =>
  Response.json(
    { errors: { body: 'Send a JSON object with Content-Type: application/json.' } },
    { status: 400 },
  );

function guarded<Params>(
  requirement: Requirement,
  run: (request: Request, params: Params, user: AuthorizedUser) => Promise<Response>,
) {
  return withRole<Params>(requirement, async (request, context, user) => {
    try {
      return await run(request, context, user);
    } catch (error) {
      return errorResponse(error);
    }
  });
}

/** `GET /api/changes?state=&job=` and `POST /api/changes`. */
export function changeCollectionRoutes(source: ContextSource) {
  return {
    GET: guarded<unknown>('view-reports', async (request) => {
      const query = new URL(request.url).searchParams;
      const state = query.get('state') ?? undefined;
      if (state !== undefined && !isChangeState(state)) {
        return Response.json({ errors: { state: `Unknown state "${state}".` } }, { status: 400 });
      }
      const job = query.get('job') ?? undefined;
      // `?region=` / `?project=` narrow to one place (the default for the one left out).
      const context = await source();
      const named = placeFields({
        project: query.get('project') ?? undefined,
        region: query.get('region') ?? undefined,
      });
      const place = Object.keys(named).length > 0 ? requestedPlace(context, named) : undefined;
      const changes = await listChanges(context, {
        state,
        ...(job ? { job } : {}),
        ...(place && { place }),
      });
      return Response.json({ changes: changes.map(changeJson) });
    }),
    POST: guarded<unknown>('propose-change', async (request, _params, user) => {
      const body = await jsonBody(request, false);
      if (body === undefined) return notJson();
      const change = await proposeAnyChange(await source(), actor(user), body);
      return Response.json(changeJson(change), {
        status: 201,
        headers: { Location: `/api/changes/${change.id}` },
      });
    }),
  };
}

/**
 * `POST /api/changes/batch` with `{"reason", "items": [{"job", "tier", "limits"}]}`: one change
 * per item, all or none; `400 {"errors": {"items.2.limits.cpu": "…"}}` names every bad field.
 */
export function changeBatchRoutes(source: ContextSource) {
  return {
    POST: guarded<unknown>('propose-change', async (request, _params, user) => {
      const body = await jsonBody(request, false);
      if (body === undefined) return notJson();
      const changes = await proposeChanges(await source(), actor(user), body);
      return Response.json({ changes: changes.map(changeJson) }, { status: 201 });
    }),
  };
}

/** `GET /api/changes/{id}`: the change, the job as it is now, drift, history and verification. */
export function changeItemRoutes(source: ContextSource) {
  return {
    GET: guarded<IdParams>('view-reports', async (_request, { params }) => {
      const { id } = await params;
      const context = await source();
      const view = await getChangeView(context, id);
      const verified = await verifyAppliedChange(context, view.change);
      return Response.json({ ...changeViewJson(view), verification: verifiedChangeJson(verified) });
    }),
  };
}

const APPLY_STATUS: Record<ApplyOutcome, number> = {
  applied: 200,
  'already-applied': 200,
  superseded: 409,
  failed: 502,
};

const DECISIONS = {
  approve: { requirement: 'approve-change', run: approveChange },
  reject: { requirement: 'approve-change', run: rejectChange },
  withdraw: { requirement: 'propose-change', run: withdrawChange },
} as const;

/** `POST /api/changes/{id}/approve|reject|withdraw|apply`. */
export function changeActionRoutes(source: ContextSource) {
  const apply = guarded<ActionParams>('apply-change', async (_request, { params }, user) => {
    const { id } = await params;
    const { outcome, change } = await applyChange(await source(), actor(user), id);
    const body = { outcome, ...changeJson(change) };
    const error =
      outcome === 'superseded' || outcome === 'failed' ? change.failureReason : undefined;
    return Response.json(error ? { error, ...body } : body, { status: APPLY_STATUS[outcome] });
  });
  const decide = (kind: keyof typeof DECISIONS) =>
    guarded<ActionParams>(DECISIONS[kind].requirement, async (request, { params }, user) => {
      const { id } = await params;
      const body = await jsonBody(request, true);
      if (body === undefined) return notJson();
      return Response.json(
        changeJson(await DECISIONS[kind].run(await source(), actor(user), id, body)),
      );
    });
  const handlers = {
    apply,
    approve: decide('approve'),
    reject: decide('reject'),
    withdraw: decide('withdraw'),
  };
  return {
    POST: async (request: Request, context: ActionParams) => {
      const { action } = await context.params;
      const handler = Object.hasOwn(handlers, action)
        ? handlers[action as keyof typeof handlers]
        : undefined;
      if (!handler) {
        return Response.json(
          { error: `Unknown action "${action}"; use approve, reject, withdraw or apply.` },
          { status: 404 },
        );
      }
      return handler(request, context);
    },
  };
}
