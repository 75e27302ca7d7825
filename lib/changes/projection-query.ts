/** What the change form asks for its "Projected effect", and the answer; shared by form and route. */
import type { ActionResult } from '@/lib/auth/guard';
import type { Place } from '@/lib/domain/place';
import type { Objective } from '@/lib/domain/report/types';
import type { ProjectedEffectPoint } from './evidence';

export type ProjectionView = {
  readonly days: number;
  readonly objective: Objective;
  /** The job's project and region; the defaults when omitted. */
  readonly place?: Place;
};
export type ProjectionResult = ActionResult<ProjectedEffectPoint | null>;

/**
 * The query the form sends: tier, cpu, memory, timeoutSeconds, maxRetries, days, objective and
 * the job's project and region.
 */
export function projectionQuery(
  view: ProjectionView,
  tier: string,
  limits: Readonly<Record<string, string>>,
): URLSearchParams {
  return new URLSearchParams({
    ...limits,
    tier,
    days: String(view.days),
    objective: view.objective,
    ...(view.place && { project: view.place.project, region: view.place.region }),
  });
}
