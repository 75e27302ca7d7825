export function Card({
  title,
  children,
  className = '',
}: {
  title?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={`rounded-lg border border-border bg-card p-4 ${className}`}>
      {title ? <h2 className="mb-3 text-sm font-medium text-muted">{title}</h2> : null}
      {children}
    </section>
  );
}

export function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div>
      <div className="text-xs uppercase tracking-wide text-muted">{label}</div>
      <div className="text-2xl font-semibold tabular-nums">{value}</div>
      {note ? <div className="text-xs text-muted">{note}</div> : null}
    </div>
  );
}
