import type { SimEnvVar } from '../world/types';
import { hash32, substream } from './prng';
import type { ScenarioStream } from './scenario';
import { drawWorkload, featuresOf, payloadText, tierOf, type Workload } from './workload';

export interface ArrivalRequest {
  readonly jobId: string;
  readonly workload: Workload;
  /** JOB_ID, JOB_TYPE and JOB_PAYLOAD, as the orchestrator passes them as run overrides. */
  readonly env: readonly SimEnvVar[];
  readonly payloadReadable: boolean;
}

/** The orchestrator's id for a job, e.g. `reel_3f9a…`: stable per seed and arrival. */
function orchestratorJobId(seed: number, stream: ScenarioStream, key: string): string {
  const prefix = stream.jobType.split('_')[0] || 'job';
  const hex = (salt: number) => hash32(`${seed}|job-id|${key}`, salt).toString(16).padStart(8, '0');
  return `${prefix}_${hex(1)}${hex(2).slice(0, 4)}`;
}

/** What one arrival asks for: its workload (from its own substream), the job it is routed to and its env. */
export function arrivalRequest(seed: number, stream: ScenarioStream, key: string): ArrivalRequest {
  const workload = drawWorkload(stream, substream(seed, 'workload', key));
  const route = stream.route;
  const jobId = 'job' in route ? route.job : route.byTier[tierOf(featuresOf(workload))];
  const unreadable = substream(seed, 'payload', key).chance(stream.unreadablePayloadRate);
  const id = orchestratorJobId(seed, stream, key);
  return {
    jobId,
    workload,
    env: [
      { name: 'JOB_ID', value: id },
      { name: 'JOB_TYPE', value: stream.jobType },
      { name: 'JOB_PAYLOAD', value: payloadText(id, workload, stream, unreadable) },
    ],
    payloadReadable: !unreadable,
  };
}
