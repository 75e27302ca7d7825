/**
 * The places the app's change service may act on: the projects and regions Tierwise is
 * configured to read (`unreadPlace` in lib/data/settings-regions.ts).
 */
import { projectLocation, requestClients } from '@/lib/data/clients';
import { unreadPlace } from '@/lib/data/settings-regions';
import { GcpError, type GcpClients } from '@/lib/gcp';
import type { Place } from '@/lib/changes/service-context';
import { ChangeInputError, ChangeUpstreamError } from './errors';
import { placeFields } from './place';

/** `place` if Tierwise reads it (the default place when omitted); else a field error. */
export async function readablePlace(clients: GcpClients, place?: Place): Promise<Place> {
  if (!place) return projectLocation();
  let problem: Awaited<ReturnType<typeof unreadPlace>>;
  try {
    problem = await unreadPlace(clients, place);
  } catch (error) {
    if (!(error instanceof GcpError)) throw error;
    throw new ChangeUpstreamError(
      `The Cloud Run regions of ${place.project} could not be listed to check the region: ${error.message}`,
      { cause: error },
    );
  }
  if (problem) throw new ChangeInputError({ [problem.field]: problem.message });
  return { project: place.project, region: place.region };
}

/**
 * The place a propose page's `?project=` / `?region=` names (the defaults for what it leaves
 * out), or why Tierwise will not propose there, by field: never the default in its stead.
 */
export async function proposalPagePlace(
  query: Readonly<Record<string, string | string[] | undefined>>,
): Promise<{ ok: true; place: Place } | { ok: false; errors: Readonly<Record<string, string>> }> {
  try {
    const named = placeFields({ project: query.project, region: query.region });
    const place = await readablePlace(requestClients(), { ...projectLocation(), ...named });
    return { ok: true, place };
  } catch (error) {
    if (error instanceof ChangeInputError) return { ok: false, errors: error.errors };
    throw error;
  }
}
