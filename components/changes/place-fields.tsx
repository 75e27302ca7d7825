import type { Place } from '@/lib/domain/place';

/** The job's project and region, sent with the proposal so it is checked and stored there. */
export function PlaceFields({ place }: { place: Place }) {
  return (
    <>
      <input type="hidden" name="project" value={place.project} />
      <input type="hidden" name="region" value={place.region} />
    </>
  );
}
