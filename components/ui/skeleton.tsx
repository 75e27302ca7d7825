export function Skeleton({ label = 'Reading Cloud Run and Monitoring…' }: { label?: string }) {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3">
      <p className="text-sm text-muted">{label}</p>
      <div className="h-8 w-1/3 animate-pulse rounded bg-card" />
      <div className="h-48 animate-pulse rounded bg-card" />
    </div>
  );
}
