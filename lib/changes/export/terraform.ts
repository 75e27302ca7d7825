/**
 * A change as a `google_cloud_run_v2_job` resource block, in the provider's nesting:
 * `template { template { timeout, max_retries, containers { image, resources { limits } } } }`
 * (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloud_run_v2_job;
 * Google's own samples: https://cloud.google.com/run/docs/samples/cloudrun-jobs-max-retries-create).
 */
import { formatCpuQuantity, formatMemoryQuantity } from '@/lib/domain/quantities';
import type { ResourceLimits } from '@/lib/domain/records';
import type { JobTarget } from './gcloud';

/** An HCL quoted string: `\` and `"` escaped, and `${` / `%{` kept literal rather than templates. */
export function hclString(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('${', () => '$${')
    .replaceAll('%{', '%%{');
  return `"${escaped}"`;
}

/** Terraform resource names: letters, digits, `_` and `-`, starting with a letter or `_`. */
export function resourceLabel(job: string): string {
  const label = job.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(label) ? label : `_${label}`;
}

export function terraformJobBlock(
  target: JobTarget & { readonly image?: string },
  limits: ResourceLimits,
): string {
  const image = target.image
    ? `        image = ${hclString(target.image)}`
    : '        # image = "…" (the job could not be read; keep your own)';
  return [
    '# Only the limits below are this change; merge them into the resource you already keep.',
    `resource "google_cloud_run_v2_job" ${hclString(resourceLabel(target.job))} {`,
    `  name     = ${hclString(target.job)}`,
    `  location = ${hclString(target.region)}`,
    `  project  = ${hclString(target.project)}`,
    '',
    '  template {',
    '    template {',
    `      timeout     = ${hclString(`${Math.ceil(limits.timeoutSeconds)}s`)}`,
    `      max_retries = ${limits.maxRetries}`,
    '',
    '      containers {',
    image,
    '        resources {',
    '          limits = {',
    `            cpu    = ${hclString(formatCpuQuantity(limits.vcpu))}`,
    `            memory = ${hclString(formatMemoryQuantity(limits.memoryBytes))}`,
    '          }',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
