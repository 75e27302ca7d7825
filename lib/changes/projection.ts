/**
 * The change form's "Projected effect": the engine's projection for exactly the limits in the form,
 * from the same reading and models as the report the form was prefilled from. Reads only, so it is
 * a GET (no mutation budget is spent while someone types).
 */
import { projectViewLimits, UnknownJobError } from '@/lib/data/report-view';
import { OBJECTIVES, type Objective } from '@/lib/domain/report/types';
import { actionFailure } from '@/lib/service/action-state';
import { isServiceError } from '@/lib/service/errors';
import { parseLimitsAt } from './proposal-schema';
import { projectedEffectOf } from './evidence';
import type { ProjectionResult } from './projection-query';
import { projectLocation, requestClients } from '@/lib/data/clients';
import { readablePlace } from './app-places';
import { placeFields } from './place';

const WINDOW_DAYS = [7, 30, 90];

function fieldError(error: string): ProjectionResult {
  return { ok: false, status: 400, error };
}

export async function projectFormLimits(
  job: string,
  query: URLSearchParams,
): Promise<ProjectionResult> {
  const tier = query.get('tier');
  const view = { days: Number(query.get('days')), objective: query.get('objective') as Objective };
  const limits = {
    cpu: query.get('cpu') ?? undefined,
    memory: query.get('memory') ?? undefined,
    timeoutSeconds: query.get('timeoutSeconds') ?? undefined,
    maxRetries: query.get('maxRetries') ?? undefined,
  };
  {
    if (tier === null || tier.length === 0 || tier.length > 64)
      return fieldError('Name the tier to project, such as "small".');
    if (!WINDOW_DAYS.includes(view.days) || !OBJECTIVES.includes(view.objective))
      return fieldError('The report view must be 7, 30 or 90 days with a known objective.');
    const parsed = parseLimitsAt(limits, 'limits');
    if (!parsed.ok) return fieldError(Object.values(parsed.errors).join(' '));
    const { vcpu, memoryBytes, timeoutSeconds, maxRetries } = parsed.value;
    if (timeoutSeconds === undefined || maxRetries === undefined)
      return fieldError('Give a task timeout and max retries to project.');
    try {
      // The job's own place, as the form was prefilled from; a place Tierwise does not read is a 400.
      const place = await readablePlace(requestClients(), {
        ...projectLocation(),
        ...placeFields({ project: query.get('project'), region: query.get('region') }),
      });
      const assessed = await projectViewLimits(
        {
          job,
          ...place,
          window: { kind: 'days', days: view.days },
          policy: null,
          bookId: null,
          objective: view.objective,
        },
        tier,
        { vcpu, memoryBytes, timeoutSeconds, maxRetries },
      );
      return {
        ok: true,
        value:
          assessed &&
          projectedEffectOf(
            assessed.projection,
            assessed.failureBudget,
            assessed.executionsPerMonth,
          ),
      };
    } catch (error) {
      if (error instanceof UnknownJobError) return fieldError(error.message);
      if (isServiceError(error)) return actionFailure(error);
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, status: 409, error: `The projection could not be worked out: ${reason}` };
    }
  }
}
