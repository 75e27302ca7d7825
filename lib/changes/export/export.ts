/**
 * A limits change as code, for teams that apply changes through their own review: the gcloud
 * line, the job's manifest for `gcloud run jobs replace`, or a Terraform block. Reads only.
 */
import { getJobManifest, GcpNotFoundError } from '@/lib/gcp';
import type { ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError, ChangeStateError } from '../errors';
import { readJob, upstream } from '@/lib/changes/cloud-run';
import { describeLimits } from '../job-limits';
import { loadChangeAt } from '../transitions';
import { gcloudUpdateCommand } from './gcloud';
import { terraformJobBlock } from './terraform';
import { jobYaml } from './yaml';

export const EXPORT_FORMATS = ['gcloud', 'yaml', 'terraform'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export async function exportChange(
  given: ChangeContext,
  id: string,
  format: string,
): Promise<string> {
  if (!isExportFormat(format)) {
    throw new ChangeInputError({
      format: `Unknown format "${format}"; use ${EXPORT_FORMATS.join(', ')}.`,
    });
  }
  const { change, context } = await loadChangeAt(given, id);
  if (change.plan) {
    throw new ChangeStateError(
      `Change ${id} creates one job per tier rather than setting limits, so it has no update to export.`,
    );
  }
  const target = { project: change.project, region: change.region, job: change.job };
  const limits = change.limitsAfter;
  if (format === 'gcloud') return `${gcloudUpdateCommand(target, limits)}\n`;
  if (format === 'terraform') {
    const job = await readJob(context, change.job).catch(() => null);
    return terraformJobBlock({ ...target, ...(job && { image: job.image }) }, limits);
  }
  try {
    const manifest = await getJobManifest(context.clients, target, limits);
    const header = `Job ${change.job} as Cloud Run has it now, with change ${id}'s limits (${describeLimits(limits)}). Apply: gcloud run jobs replace FILE --region=${change.region} --project=${change.project}`;
    return jobYaml(manifest, header);
  } catch (error) {
    if (error instanceof GcpNotFoundError) {
      throw new ChangeStateError(`Job ${change.job} no longer exists in Cloud Run.`);
    }
    throw upstream(error);
  }
}
