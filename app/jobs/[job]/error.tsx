'use client';

import { ErrorPanel } from '@/components/feedback/error-panel';

export default function JobReportError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel title="This job's report could not be built" error={error} reset={reset} />;
}
