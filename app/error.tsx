'use client';

import { ErrorPanel } from '@/components/feedback/error-panel';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel title="This page could not be loaded" error={error} reset={reset} />;
}
