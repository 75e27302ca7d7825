/** The overview's listing: each project's regions, its jobs, and when each job's ledger last synced. */
import { listJobs, type GcpClients } from '@/lib/gcp';
import { readSyncTimes } from '@/lib/ledger';
import type { JobRecord } from '@/lib/domain/records';
import type { Store } from '@/lib/store';
import { projectLocation } from './clients';
import { plainGoogleProblem } from './google-problem';
import { projectsToRead, regionsSetting, regionsToRead } from './settings-regions';

export type Listed = { readonly job: JobRecord; readonly region: string };

/** Every job of every region read; a region that cannot be listed is a warning, not a failure. */
async function jobsOfRegions(
  clients: GcpClients,
  project: string,
  regions: readonly string[],
  many: boolean,
) {
  const listed = await Promise.all(
    regions.map(async (region) => {
      try {
        const jobs = await listJobs(clients, { project, region });
        return {
          region,
          jobs: jobs.items,
          warnings: jobs.warnings.map((w) => `${w.resource}: ${w.field} ${w.problem}`),
        };
      } catch (error) {
        const where = many ? `${project} / ${region}` : region;
        const message = plainGoogleProblem(error, `listing jobs in ${where}`);
        return {
          region,
          jobs: [],
          warnings: [`${where}: the jobs could not be listed (${message}).`],
        };
      }
    }),
  );
  return {
    jobs: listed.flatMap(({ region, jobs }): Listed[] => jobs.map((job) => ({ job, region }))),
    warnings: listed.flatMap((l) => l.warnings),
  };
}

/** Each project read, with its regions, its jobs and its jobs' last sync times. */
export async function listProjects(clients: GcpClients, store: Store) {
  const { region } = projectLocation();
  const projects = projectsToRead();
  return Promise.all(
    projects.map(async (project) => {
      const chosen = await regionsToRead(
        clients,
        { project, defaultRegion: region },
        regionsSetting(),
      );
      const [listed, synced] = await Promise.all([
        jobsOfRegions(clients, project, chosen.regions, projects.length > 1),
        readSyncTimes(store, project),
      ]);
      return { project, chosen, listed, synced };
    }),
  );
}

export type ListedProject = Awaited<ReturnType<typeof listProjects>>[number];
