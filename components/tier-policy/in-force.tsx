import type { ApprovedTierPolicy } from '@/lib/store/tier-policies';
import { utcMinute } from './when';

/** One line naming the version every report and orchestrator uses now. */
export function InForceLine({ inForce }: { inForce: ApprovedTierPolicy }) {
  if (inForce.version === 0) {
    return (
      <p className="text-sm" data-in-force="0">
        In force: the built-in default (no version approved yet).
      </p>
    );
  }
  return (
    <p className="text-sm" data-in-force={inForce.version}>
      In force: version {inForce.version}
      {inForce.approvedBy ? `, approved by ${inForce.approvedBy}` : ''}
      {inForce.approvedAt !== null ? ` on ${utcMinute(inForce.approvedAt)}` : ''}.
    </p>
  );
}
