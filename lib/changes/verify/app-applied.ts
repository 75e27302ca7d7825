/** The app's applied changes, verified as of now, for the job report and the overview. */
import { appChangeContext } from '../app-context';
import { summariseAppliedChanges, type AppliedChangeSummary } from './applied';

/**
 * Changes are made in the app's project and primary region (TIERWISE_REGION): another region
 * has none to show.
 */
export async function readAppliedChanges(
  options: { readonly job?: string; readonly region?: string } = {},
): Promise<AppliedChangeSummary[]> {
  const context = await appChangeContext();
  if (options.region !== undefined && options.region !== context.region) return [];
  return summariseAppliedChanges(context, {
    nowMs: context.store.now(),
    ...(options.job !== undefined && { job: options.job }),
  });
}
