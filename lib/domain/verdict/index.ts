export * from './thresholds';
export {
  VERDICTS,
  judgeTier,
  measuredAloneP95,
  type Evidence,
  type EvidenceId,
  type Verdict,
  type VerdictInput,
  type VerdictKind,
} from './verdict';
