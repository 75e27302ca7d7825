/**
 * Which project and region a change acts on. A proposal names its job's place (`project`,
 * `region`; the context's own when left out) and is refused, with the field named, when Tierwise
 * is not configured to read it. A stored change is always acted on at the place stored with it,
 * never at the process's default: the same job name in another region is another job.
 */
import { ChangeInputError } from './errors';
import { PROJECT_PATTERN, REGION_PATTERN, type Place } from '@/lib/domain/place';
import type { ChangeContext } from './service-context';

export function samePlace(a: Place, b: Place): boolean {
  return a.project === b.project && a.region === b.region;
}

export const placeOf = (place: Place): Place => ({ project: place.project, region: place.region });

function notRead(context: ChangeContext, place: Place): Record<string, string> {
  const reads = `Tierwise reads ${context.project} / ${context.region} only`;
  return place.project !== context.project
    ? { project: `${reads}, not project ${place.project}.` }
    : { region: `${reads}, not region ${place.region}.` };
}

/** The context acting on `place`: this one when it is there, else the deployment's one there. */
export async function contextAt(context: ChangeContext, place: Place): Promise<ChangeContext> {
  if (samePlace(context, place)) return context;
  if (!context.at) throw new ChangeInputError(notRead(context, place));
  const there = await context.at(placeOf(place));
  if (!samePlace(there, place)) {
    throw new Error(`The context for ${place.project} / ${place.region} acts somewhere else.`);
  }
  return there;
}

function field(
  raw: Record<string, unknown>,
  key: 'project' | 'region',
  pattern: RegExp,
  errors: Record<string, string>,
): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && pattern.test(value.trim())) return value.trim();
  errors[key] =
    key === 'region'
      ? 'A Cloud Run region such as us-central1, as text.'
      : 'A Google Cloud project id such as my-project-123, as text.';
  return undefined;
}

/**
 * The `project` and `region` a proposal's body, a form or a page's query names, each left out
 * when not given; a malformed one is a field error.
 */
export function placeFields(raw: unknown): Partial<Place> {
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const errors: Record<string, string> = {};
  const project = field(body, 'project', PROJECT_PATTERN, errors);
  const region = field(body, 'region', REGION_PATTERN, errors);
  if (Object.keys(errors).length > 0) throw new ChangeInputError(errors);
  return { ...(project !== undefined && { project }), ...(region !== undefined && { region }) };
}

/** The place a proposal's body names; the context's own project and region for what it omits. */
export function requestedPlace(context: ChangeContext, raw: unknown): Place {
  const named = placeFields(raw);
  return { project: named.project ?? context.project, region: named.region ?? context.region };
}

/** A form's hidden `project` / `region` fields as sent (checked by `malformedActionInput`). */
export function placeOfForm(form: FormData): { project?: unknown; region?: unknown } {
  const sent = (name: string) => {
    const value = form.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const project = sent('project');
  const region = sent('region');
  return { ...(project !== undefined && { project }), ...(region !== undefined && { region }) };
}

/** The context a proposal is checked and stored at: its body's place, if Tierwise reads it. */
export async function proposalContext(
  context: ChangeContext,
  raw: unknown,
): Promise<ChangeContext> {
  return contextAt(context, requestedPlace(context, raw));
}
