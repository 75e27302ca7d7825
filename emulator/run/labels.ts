import type { FieldViolation } from './rpc-error';

/**
 * Google Cloud's label rules (cloud.google.com/resource-manager/docs/creating-managing-labels),
 * which Cloud Run applies to a job's labels: at most 64; keys 1 to 63 lowercase letters, digits,
 * underscores and dashes, starting with a letter (international letters allowed); values the same
 * characters, up to 63, possibly empty. The Cloud Run v2 Job proto adds that labels in the
 * `run.googleapis.com`, `cloud.googleapis.com`, `serving.knative.dev` and
 * `autoscaling.knative.dev` namespaces are rejected: those are Google's own.
 */
const MAX_LABELS = 64;
const KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const SYSTEM_NAMESPACES = [
  'run.googleapis.com',
  'cloud.googleapis.com',
  'serving.knative.dev',
  'autoscaling.knative.dev',
];

export function checkLabels(
  labels: Readonly<Record<string, string>> | null | undefined,
  field: string,
): FieldViolation[] {
  const entries = Object.entries(labels ?? {});
  const violations: FieldViolation[] = [];
  if (entries.length > MAX_LABELS) {
    violations.push({ field, description: `has ${entries.length} labels; at most ${MAX_LABELS}` });
  }
  for (const [key, value] of entries) {
    const namespace = SYSTEM_NAMESPACES.find((system) => key.startsWith(`${system}/`));
    if (namespace) {
      violations.push({
        field: `${field}[${key}]`,
        description: `labels in the ${namespace} namespace are set by Google and rejected`,
      });
    } else if (!KEY.test(key)) {
      violations.push({
        field: `${field}[${key}]`,
        description:
          'a label key is 1 to 63 lowercase letters, digits, underscores or dashes, starting with a letter',
      });
    } else if (!VALUE.test(value)) {
      violations.push({
        field: `${field}[${key}]`,
        description: `"${value}" is not up to 63 lowercase letters, digits, underscores or dashes`,
      });
    }
  }
  return violations;
}
