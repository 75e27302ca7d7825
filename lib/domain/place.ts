/**
 * Where a Cloud Run job lives: one job name in two regions, or two projects, is two jobs. The
 * shapes are those of a region id (`us-central1`) and a project id (6–30 characters, lower-case
 * letters, digits and dashes, starting with a letter).
 */
export interface Place {
  readonly project: string;
  readonly region: string;
}

export const REGION_PATTERN = /^[a-z]+-[a-z]+\d+$/;
export const PROJECT_PATTERN = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
