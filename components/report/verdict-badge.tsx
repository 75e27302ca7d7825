import type { VerdictKind } from '@/lib/domain/verdict/verdict';

const TONE: Record<VerdictKind, string> = {
  'over-provisioned': 'border-warning text-warning',
  'right-sized': 'border-ok text-ok',
  'under-provisioned': 'border-danger text-danger',
  'not-enough-data': 'border-border text-muted',
};

const WORDS: Record<VerdictKind, string> = {
  'over-provisioned': 'over-provisioned',
  'right-sized': 'right-sized',
  'under-provisioned': 'under-provisioned',
  'not-enough-data': 'not enough data',
};

/** The verdict in words (never colour alone), with an optional tier name before it. */
export function VerdictBadge({ kind, tier }: { kind: VerdictKind; tier?: string }) {
  return (
    <span
      data-verdict={kind}
      className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${TONE[kind]}`}
    >
      {tier ? `${tier}: ` : ''}
      {WORDS[kind]}
    </span>
  );
}
