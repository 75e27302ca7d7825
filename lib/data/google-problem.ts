/**
 * What a banner says when Google could not be read: plain words a person can act on. Google's own
 * status text (`14 UNAVAILABLE: …`, request ids, stack-like details) goes to the server log only.
 */
import {
  GcpDataError,
  GcpError,
  GcpNotFoundError,
  GcpPermissionError,
  GcpQuotaError,
  GcpUnavailableError,
} from '@/lib/gcp';

const RAW_STATUS =
  /\b\d{1,2} [A-Z_]{4,}:|\bUNAVAILABLE\b|\bDEADLINE_EXCEEDED\b|\bRESOURCE_EXHAUSTED\b/;

function plainWords(error: unknown): string {
  if (error instanceof GcpUnavailableError)
    return 'Google Cloud did not answer; try again in a minute';
  if (error instanceof GcpQuotaError)
    return 'the Google Cloud API quota ran out; wait a minute or raise the quota';
  if (error instanceof GcpNotFoundError)
    return 'Cloud Run does not have it (it may have been deleted)';
  if (error instanceof GcpPermissionError) {
    const roles = error.roles.length > 0 ? `; grant ${error.roles.join(' and ')}` : '';
    return `Tierwise is not allowed to read it${roles}`;
  }
  if (error instanceof GcpDataError) return error.message.replace(/\.$/, '');
  if (error instanceof GcpError)
    return 'Google Cloud answered with an error; try again in a minute';
  const message = error instanceof Error ? error.message : String(error);
  return RAW_STATUS.test(message)
    ? 'Google Cloud answered with an error; try again in a minute'
    : message;
}

/** The banner's words for `error`; the full message is logged with `what` for whoever runs the app. */
export function plainGoogleProblem(error: unknown, what: string): string {
  const words = plainWords(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (detail !== words) console.warn(`[tierwise] ${what}: ${detail}`);
  return words;
}
