import type { JobRow } from '@/lib/data/overview';
import type { Place } from '@/lib/domain/place';

const param = (key: string, value: string) => `${key}=${encodeURIComponent(value)}`;

/** `/path?query&place`, or `/path?place`, or `/path?query`, or `/path`. */
function withQuery(path: string, ...parts: string[]): string {
  const query = parts.filter((part) => part !== '').join('&');
  return query ? `${path}?${query}` : path;
}

/**
 * The job's report link: the view's query plus its region (one name can be in two regions) and,
 * outside the default project, its project.
 */
export function reportHref(row: JobRow, query: string, defaultProject: string): string {
  const place = [
    param('region', row.region),
    ...(row.project !== defaultProject ? [param('project', row.project)] : []),
  ].join('&');
  return withQuery(`/jobs/${encodeURIComponent(row.job)}`, query.replace(/^\?/, ''), place);
}

/**
 * A page about the job at `place` (its propose pages): the path and query, plus `region` and
 * `project` when the job is not in the default place, so the page acts on that job and no
 * same-named one in the default region.
 */
export function jobPageHref(path: string, query: string, place: Place, defaults: Place): string {
  const home = place.project === defaults.project && place.region === defaults.region;
  const where = home ? '' : `${param('region', place.region)}&${param('project', place.project)}`;
  return withQuery(path, query.replace(/^\?/, ''), where);
}
