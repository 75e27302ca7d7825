import type { JobRow } from '@/lib/data/overview';

/**
 * The job's report link: the view's query plus its region (one name can be in two regions) and,
 * outside the default project, its project.
 */
export function reportHref(row: JobRow, query: string, defaultProject: string): string {
  const place = [
    `region=${encodeURIComponent(row.region)}`,
    ...(row.project !== defaultProject ? [`project=${encodeURIComponent(row.project)}`] : []),
  ].join('&');
  return `/jobs/${encodeURIComponent(row.job)}${query ? `${query}&${place}` : `?${place}`}`;
}
