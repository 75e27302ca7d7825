/**
 * The Google read a page needs before it starts streaming, done by the access proxy: once a page
 * streams its status is fixed at 200, and Next lets a page itself answer only 401, 403 or 404. So
 * the proxy asks Cloud Run first and answers 503 when Google fails; a job it found missing or
 * present is handed to the page in a request header only the proxy can set.
 */
import { appNow } from '@/lib/clock';
import { headers } from 'next/headers';
import type { JobRecord } from '@/lib/domain/records';
import { GcpError, GcpNotFoundError, getJob, listJobs } from '@/lib/gcp';
import { projectLocation, requestClients } from './clients';
import { plainGoogleProblem } from './google-problem';

import { JOB_CHECK_HEADER } from './job-check-header';

export type PageCheck =
  | { readonly kind: 'present' | 'missing'; readonly job: string }
  | { readonly kind: 'ok' }
  | { readonly kind: 'unavailable'; readonly problem: string };

const JOB_PAGE = /^\/jobs\/([^/]+)(?:\/changes\/(?:new|split))?\/?$/;
const JOB_ID = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
// A success is trusted this long, so a page view costs no extra Google call while Google answers.
const TRUST_MS = 10_000;
const recent = new Map<string, number>();
/**
 * The job each check read, for the page behind it: the proxy runs in the server's own process
 * (Next loads a Node.js proxy with `require`), so the page builds its report from this read
 * instead of asking Cloud Run for the same job a second time. Process-wide, as the proxy's module
 * is not the page's.
 */
const READS_KEY = Symbol.for('tierwise.proxy-job-reads');
type JobReads = Map<string, { readonly atMs: number; readonly job: JobRecord }>;
function jobReads(): JobReads {
  const holder = globalThis as { [READS_KEY]?: JobReads };
  return (holder[READS_KEY] ??= new Map());
}

function unavailable(error: unknown, what: string): PageCheck {
  if (!(error instanceof GcpError)) throw error;
  return { kind: 'unavailable', problem: plainGoogleProblem(error, what) };
}

async function checkJob(job: string, nowMs: number): Promise<PageCheck> {
  if (!JOB_ID.test(job)) return { kind: 'missing', job };
  if (nowMs - (recent.get(job) ?? -Infinity) < TRUST_MS && jobReads().has(job)) {
    return { kind: 'present', job };
  }
  try {
    const record = await getJob(requestClients(), { ...projectLocation(), job });
    recent.set(job, nowMs);
    jobReads().set(job, { atMs: nowMs, job: record });
    return { kind: 'present', job };
  } catch (error) {
    if (error instanceof GcpNotFoundError) return { kind: 'missing', job };
    return unavailable(error, `checking job ${job}`);
  }
}

async function checkJobList(nowMs: number): Promise<PageCheck> {
  if (nowMs - (recent.get('') ?? -Infinity) < TRUST_MS) return { kind: 'ok' };
  try {
    await listJobs(requestClients(), projectLocation());
    recent.set('', nowMs);
    return { kind: 'ok' };
  } catch (error) {
    return unavailable(error, 'listing jobs');
  }
}

/** The pre-stream check for a page path: a job page's job, the overview's job list, or nothing. */
export async function pageCheck(
  pathname: string,
  nowMs = appNow(),
): Promise<PageCheck | undefined> {
  if (pathname === '/') return checkJobList(nowMs);
  const match = JOB_PAGE.exec(pathname);
  if (!match) return undefined;
  let job: string;
  try {
    job = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  return checkJob(job, nowMs);
}

/** What the proxy found for `job` on this request: true, false, or undefined when it did not check. */
export async function jobCheckedByProxy(job: string): Promise<boolean | undefined> {
  let value: string | null;
  try {
    value = (await headers()).get(JOB_CHECK_HEADER);
  } catch {
    return undefined; // outside a request (tests, scripts)
  }
  if (value === `present:${job}`) return true;
  if (value === `missing:${job}`) return false;
  return undefined;
}

/**
 * The job of the default project and region as the access proxy read it for this page, if it did
 * within the last few seconds; a report is then built from that read.
 */
export function jobReadByProxy(job: string, nowMs = appNow()): JobRecord | undefined {
  const read = jobReads().get(job);
  return read && nowMs - read.atMs < TRUST_MS ? read.job : undefined;
}

/** After Tierwise changes these jobs, no page is built from a read of them from before. */
export function forgetProxyReads(jobs: readonly string[]): void {
  for (const job of jobs) jobReads().delete(job);
}
