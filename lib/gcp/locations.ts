/**
 * The regions Cloud Run offers a project, from the Locations mixin of the Cloud Run Admin API
 * (google/cloud/location/locations.proto, ListLocations on `projects/P`).
 */
import { callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';

const REGION = /^[a-z]+-[a-z]+\d+$/;

/** Region ids (`us-central1`, …), sorted; entries without a usable id are skipped. */
export async function listRegions(clients: GcpClients, project: string): Promise<string[]> {
  const name = `projects/${project}`;
  const context = {
    action: `list the Cloud Run regions of ${name}`,
    resource: name,
    access: 'run.read',
  } as const;
  const locations = await callGoogle(clients, 'run.ListLocations', 'read', context, async () => {
    const out: string[] = [];
    for await (const location of clients.jobs.listLocationsAsync({ name }, GAX_CALL_OPTIONS)) {
      const id = location.locationId ?? location.name?.split('/').at(-1) ?? '';
      if (REGION.test(id)) out.push(id);
    }
    return out;
  });
  return [...new Set(locations)].sort();
}
