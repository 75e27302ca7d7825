import type * as grpc from '@grpc/grpc-js';
import type { Places } from '../world/places';
import { invalidArgument, notFound, unary } from './rpc-error';

type ListLocationsRequest = { name?: string };

/**
 * google.cloud.location.Locations for Cloud Run Admin. Cloud Run lists every region it offers;
 * the emulator lists the regions it simulates for the project, which is what a caller that keeps
 * only regions with jobs ends up with anyway.
 */
export function locationsHandlers(places: Places): grpc.UntypedServiceImplementation {
  return {
    ListLocations: unary((request: ListLocationsRequest) => {
      const match = /^projects\/([^/]+)$/.exec(request.name ?? '');
      if (!match) {
        throw invalidArgument(
          `name must look like projects/{project}, got "${request.name ?? ''}"`,
        );
      }
      const project = match[1];
      const regions = places.all.filter((w) => w.project === project).map((w) => w.region);
      if (regions.length === 0) throw notFound(`project ${project} was not found`);
      return {
        locations: [...regions].sort().map((region) => ({
          name: `projects/${project}/locations/${region}`,
          locationId: region,
          displayName: region,
          labels: {},
        })),
        nextPageToken: '',
      };
    }),
  };
}
