/** What the change page and `GET /api/changes/{id}` read: verification, and the guardrail run on it. */
import type { ChangeRequest } from '@/lib/store';
import type { ChangeContext } from '../context';
import { guardChange, type GuardrailResult } from './guardrail';
import { verificationJson } from './json';
import { getChangeVerification, type VerificationView } from './read';

export interface VerifiedChange {
  readonly verification: VerificationView | null;
  readonly guardrail: GuardrailResult;
}

export async function verifyAppliedChange(
  context: ChangeContext,
  change: ChangeRequest,
): Promise<VerifiedChange> {
  const verification = await getChangeVerification(context, change, {
    nowMs: context.store.now(),
  });
  return { verification, guardrail: await guardChange(context, change, verification) };
}

export function verifiedChangeJson({ verification, guardrail }: VerifiedChange) {
  const json = verificationJson(verification);
  return json && { ...json, rollback: guardrail };
}
