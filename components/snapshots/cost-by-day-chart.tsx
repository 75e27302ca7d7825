import type { JobReport } from '@/lib/domain/report';
import { formatUsd } from '@/lib/format';

/** Fixed colours as SVG attributes: no client script and no inline style, so it prints as shown. */
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#64748b'];
const WIDTH = 720;
const HEIGHT = 160;

/** Cost by day stacked by tier, drawn on the server from the frozen figures. */
export function CostByDayChart({ report }: { report: JobReport }) {
  const series = [
    ...report.tiers.map((t) => ({ id: t.id, label: t.label })),
    { id: 'unclassified', label: 'Unclassified' },
  ];
  const days = report.costByDay;
  const totals = days.map((day) => series.reduce((sum, s) => sum + (day.values[s.id] ?? 0), 0));
  const peak = Math.max(0, ...totals);
  if (days.length === 0 || peak === 0)
    return <p className="text-sm text-muted">No cost in this window.</p>;
  const slot = WIDTH / days.length;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-40 w-full"
        role="img"
        aria-label={`Cost by day, peak ${formatUsd(peak)}`}
      >
        {days.map((day, i) => {
          let top = HEIGHT;
          return (
            <g key={day.day}>
              <title>{`${day.day}: ${formatUsd(totals[i] ?? 0)}`}</title>
              {series.map((s, k) => {
                const height = ((day.values[s.id] ?? 0) / peak) * (HEIGHT - 4);
                top -= height;
                return height > 0 ? (
                  <rect
                    key={s.id}
                    x={i * slot + 1}
                    y={top}
                    width={Math.max(1, slot - 2)}
                    height={height}
                    fill={COLOURS[k % COLOURS.length]}
                  />
                ) : null;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-muted">
        <span>Cost by day (UTC), peak {formatUsd(peak)}</span>
        {series.map((s, k) => (
          <span key={s.id} className="flex items-center gap-1">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={COLOURS[k % COLOURS.length]} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
