/** The app's applied changes, verified as of now, for the job report and the overview. */
import { appChangeContext } from '../app-context';
import { ChangeInputError } from '../errors';
import { summariseAppliedChanges, type AppliedChangeSummary } from './applied';

/**
 * With a job: that job's changes in its place (`region` / `project`, the defaults when omitted);
 * a place Tierwise does not read has none. Without one: every place's, for the overview.
 */
export async function readAppliedChanges(
  options: { readonly job?: string; readonly region?: string; readonly project?: string } = {},
): Promise<AppliedChangeSummary[]> {
  const base = await appChangeContext();
  if (options.job === undefined) return summariseAppliedChanges(base, { nowMs: base.store.now() });
  const place = {
    project: options.project ?? base.project,
    region: options.region ?? base.region,
  };
  const context = await appChangeContext(place).catch((error: unknown) => {
    if (error instanceof ChangeInputError) return null;
    throw error;
  });
  if (!context) return [];
  return summariseAppliedChanges(context, {
    nowMs: context.store.now(),
    job: options.job,
    place,
  });
}
