/**
 * Which regions Tierwise reads: `TIERWISE_REGIONS` (a list, or `all` for every region Cloud Run's
 * ListLocations names for the project), else `TIERWISE_REGION` alone. A job is named by its
 * region as well as its name: the same name in two regions is two jobs.
 */
import { plainGoogleProblem } from './google-problem';
import { GcpError, listRegions, type GcpClients } from '@/lib/gcp';
import { env } from '@/lib/env';

export type RegionsSetting = 'all' | readonly string[] | undefined;

export type RegionsToRead = {
  readonly regions: readonly string[];
  /** Set when `all` could not be listed and the default region was read instead. */
  readonly warning: string | null;
};

/** The regions to read for a setting, listing locations for `all`. */
export async function regionsToRead(
  clients: GcpClients,
  place: { readonly project: string; readonly defaultRegion: string },
  setting: RegionsSetting,
): Promise<RegionsToRead> {
  if (setting === undefined) return { regions: [place.defaultRegion], warning: null };
  if (setting !== 'all') return { regions: [...new Set(setting)], warning: null };
  try {
    const regions = await listRegions(clients, place.project);
    if (regions.length > 0) return { regions, warning: null };
    return {
      regions: [place.defaultRegion],
      warning: 'Cloud Run listed no regions; showing the default region only.',
    };
  } catch (error) {
    if (!(error instanceof GcpError)) throw error;
    return {
      regions: [place.defaultRegion],
      warning: `The regions could not be listed (${plainGoogleProblem(error, 'listing regions')}); showing ${place.defaultRegion} only.`,
    };
  }
}

/** The process's setting. */
export function regionsSetting(): RegionsSetting {
  return env().TIERWISE_REGIONS;
}

/** The projects to read: GOOGLE_CLOUD_PROJECT first, then TIERWISE_PROJECTS, each once. */
export function projectsToRead(): string[] {
  const settings = env();
  return [...new Set([settings.GOOGLE_CLOUD_PROJECT, ...settings.TIERWISE_PROJECTS])];
}

const LISTED_FOR_MS = 5 * 60_000;
const listed = new Map<string, { atMs: number; regions: Promise<readonly string[]> }>();

/** Cloud Run's regions of a project for `all`, kept five minutes; a failed listing is not kept. */
function listedRegions(clients: GcpClients, project: string): Promise<readonly string[]> {
  const hit = listed.get(project);
  if (hit && Date.now() - hit.atMs < LISTED_FOR_MS) return hit.regions;
  const regions = listRegions(clients, project);
  listed.set(project, { atMs: Date.now(), regions });
  regions.catch(() => listed.delete(project));
  return regions;
}

/**
 * Why Tierwise does not read `place`, naming the field (`project` or `region`), or null when it
 * does: a project of GOOGLE_CLOUD_PROJECT / TIERWISE_PROJECTS, a region of TIERWISE_REGION /
 * TIERWISE_REGIONS (`all`: listed by Cloud Run; a failed listing throws Google's error).
 */
export async function unreadPlace(
  clients: GcpClients,
  place: { readonly project: string; readonly region: string },
): Promise<{ field: 'project' | 'region'; message: string } | null> {
  const settings = env();
  if (place.project === settings.GOOGLE_CLOUD_PROJECT && place.region === settings.TIERWISE_REGION)
    return null;
  const projects = projectsToRead();
  if (!projects.includes(place.project)) {
    return {
      field: 'project',
      message: `Tierwise is not configured to read project ${place.project}; it reads ${projects.join(', ')} (GOOGLE_CLOUD_PROJECT, TIERWISE_PROJECTS).`,
    };
  }
  const setting = regionsSetting();
  const regions = new Set([
    settings.TIERWISE_REGION,
    ...(setting === 'all' ? await listedRegions(clients, place.project) : (setting ?? [])),
  ]);
  if (regions.has(place.region)) return null;
  return {
    field: 'region',
    message: `Tierwise is not configured to read region ${place.region}; it reads ${[...regions].join(', ')} (TIERWISE_REGION, TIERWISE_REGIONS).`,
  };
}
