import { Suspense } from 'react';
import { ProjectOverview } from '@/components/overview/project-overview';
import { ViewControls } from '@/components/report/view-controls';
import { loadViewParams, overviewRequestOf, viewQuery } from '@/components/report/view-params';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';
import { currentSettings } from '@/lib/data/settings';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  await requirePageRole('view-reports');
  const view = loadViewParams(await searchParams);
  const request = overviewRequestOf(view);
  const settings = await currentSettings();
  const query = viewQuery(view);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Cloud Run jobs</h1>
      <ViewControls hasCustomRates={settings.priceBookChoice.kind === 'custom'} />
      <Suspense key={query} fallback={<Skeleton label="Listing the project's Cloud Run jobs…" />}>
        <ProjectOverview request={request} query={query} />
      </Suspense>
    </div>
  );
}
