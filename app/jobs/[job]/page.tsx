import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { JobCharts } from '@/components/report/job-charts';
import { ReportSummary } from '@/components/report/report-summary';
import { TierFiguresTable } from '@/components/report/tier-figures-table';
import { TierSections } from '@/components/report/tier-sections';
import { ViewControls } from '@/components/report/view-controls';
import { ShareButton } from '@/components/snapshots/share-button';
import {
  loadViewParams,
  reportRequestOf,
  viewQuery,
  windowOf,
} from '@/components/report/view-params';
import { CUSTOM_PRICE_BOOK_ID } from '@/lib/data/settings-schema';
import { findPriceBook } from '@/lib/domain/pricing';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';
import { jobExists } from '@/lib/data/report-view';
import { currentSettings } from '@/lib/data/settings';
import { formatDateUtc } from '@/lib/format';
import { PROJECT_PATTERN, REGION_PATTERN } from '@/lib/domain/place';

type Props = {
  params: Promise<{ job: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { job } = await params;
  return { title: `${job} — cost report — Tierwise` };
}

/** `?region=` / `?project=` name the job's place; a link without them (as older ones) means the defaults. */
function placeParam(
  query: Record<string, string | string[] | undefined>,
  key: 'region' | 'project',
): string | undefined | null {
  const value = query[key];
  if (value === undefined) return undefined;
  const shape = key === 'region' ? REGION_PATTERN : PROJECT_PATTERN;
  return typeof value === 'string' && shape.test(value) ? value : null;
}

export default async function JobReportPage({ params, searchParams }: Props) {
  await requirePageRole('view-reports');
  const { job } = await params;
  const query = await searchParams;
  const region = placeParam(query, 'region');
  const project = placeParam(query, 'project');
  if (region === null || project === null) notFound();
  if (!(await jobExists(job, undefined, region, project))) notFound();
  const view = loadViewParams(query);
  const request = {
    ...reportRequestOf(job, view),
    ...(region && { region }),
    ...(project && { project }),
  };
  const window = windowOf(view);
  const settings = await currentSettings();
  // A new view gets fresh skeletons instead of showing the previous view's figures as current.
  const key = viewQuery(view);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">
          Cost report: {job}
          {region || project ? (
            <span className="text-muted"> · {[project, region].filter(Boolean).join(' / ')}</span>
          ) : null}
        </h1>
        <Link href={`/${key}`} className="no-print text-sm text-accent underline">
          All jobs
        </Link>
      </div>
      <ShareButton
        settings={{
          ...shareSettingsOf(job, view),
          ...(region && { region }),
          ...(project && { project }),
        }}
      />
      <ViewControls hasCustomRates={settings.priceBookChoice.kind === 'custom'} />
      {window.kind === 'range' && window.clampedFromMs !== undefined && (
        <p role="status" className="text-sm text-amber-800">
          A report covers at most 400 days: showing {formatDateUtc(window.startMs)} to{' '}
          {formatDateUtc(window.endMs - 86_400_000)} instead of from{' '}
          {formatDateUtc(window.clampedFromMs)}.
        </p>
      )}
      <Suspense
        key={`summary${key}`}
        fallback={<Skeleton label="Reading executions, tasks and Monitoring series…" />}
      >
        <ReportSummary request={request} />
      </Suspense>
      <Card title="Cost and workload">
        <Suspense key={`charts${key}`} fallback={<Skeleton label="Drawing the charts…" />}>
          <JobCharts request={request} />
        </Suspense>
      </Card>
      <Card title="Per tier">
        <Suspense
          key={`table${key}`}
          fallback={<Skeleton label="Working out each tier's figures…" />}
        >
          <TierFiguresTable request={request} />
        </Suspense>
      </Card>
      <Suspense key={`tiers${key}`} fallback={<Skeleton label="Working out recommendations…" />}>
        <TierSections request={request} />
      </Suspense>
    </div>
  );
}

/** The snapshot request for the view on screen: the same window, objective and built-in book. */
function shareSettingsOf(job: string, view: Awaited<ReturnType<typeof loadViewParams>>) {
  const window = windowOf(view);
  const range =
    window.kind === 'days'
      ? { days: window.days }
      : { startMs: window.startMs, endMs: window.endMs };
  // The view on screen: its book (built-in or the team's custom rates) and a tier policy the link
  // carries; absent ones are the team's saved book and the approved policy, as on the page.
  const priceBook =
    view.book && (findPriceBook(view.book) || view.book === CUSTOM_PRICE_BOOK_ID)
      ? view.book
      : undefined;
  const policy = view.policy ? JSON.stringify(view.policy) : undefined;
  return { job, objective: view.objective, priceBook, policy, ...range };
}
