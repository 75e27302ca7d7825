/** What the change page and `GET /api/changes/{id}` read: verification, and the guardrail run on it. */
import { findRolledBack, type ChangeRequest } from '@/lib/store';
import type { ChangeContext } from '../context';
import { guardChange, type GuardrailResult } from './guardrail';
import { verificationJson } from './json';
import { getChangeVerification, type VerificationView } from './read';

export interface VerifiedChange {
  readonly verification: VerificationView | null;
  readonly guardrail: GuardrailResult;
  /** When this change is a rollback Tierwise proposed: the change it undoes. */
  readonly rollbackOf: string | null;
}

export async function verifyAppliedChange(
  context: ChangeContext,
  change: ChangeRequest,
): Promise<VerifiedChange> {
  const verification = await getChangeVerification(context, change, {
    nowMs: context.store.now(),
  });
  const [guardrail, rollbackOf] = await Promise.all([
    guardChange(context, change, verification),
    findRolledBack(context.store, change.id),
  ]);
  return { verification, guardrail, rollbackOf };
}

export function verifiedChangeJson({ verification, guardrail, rollbackOf }: VerifiedChange) {
  const json = verificationJson(verification);
  return json ? { ...json, rollback: guardrail, rollbackOf } : rollbackOf ? { rollbackOf } : null;
}
