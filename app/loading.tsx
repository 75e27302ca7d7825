export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3">
      <p className="text-sm text-muted">Reading Cloud Run and Monitoring…</p>
      <div className="h-8 w-1/3 animate-pulse rounded bg-card" />
      <div className="h-48 animate-pulse rounded bg-card" />
    </div>
  );
}
