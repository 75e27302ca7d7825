export * from './thresholds';
export {
  VERDICTS,
  judgeTier,
  type Evidence,
  type EvidenceId,
  type Verdict,
  type VerdictInput,
  type VerdictKind,
} from './verdict';
