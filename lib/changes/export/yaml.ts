/** The v1 manifest as the YAML file `gcloud run jobs replace FILE` takes. */
import { Document } from 'yaml';
import type { KnativeJob } from '@/lib/gcp';

export function jobYaml(job: KnativeJob, header: string): string {
  const document = new Document(job.manifest);
  const notes = [header];
  if (job.notCarried.length > 0) {
    notes.push(
      `Not carried over (no field in the v1 manifest; set them again after replace): ${job.notCarried.join(', ')}`,
    );
  }
  document.commentBefore = notes.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0 });
}
