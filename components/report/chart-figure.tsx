/** A chart with its title and, for keyboard and screen-reader users, the same figures as a table. */
export type TableColumn = {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
};

export function ChartFigure({
  id,
  title,
  summary,
  columns,
  rows,
  headingLevel = 3,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  columns: readonly TableColumn[];
  rows: readonly Record<string, string>[];
  /** 3 inside a titled section; 2 where the chart opens a page under its h1. */
  headingLevel?: 2 | 3;
  children: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 space-y-2">
      <Heading id={`${id}-title`} className="text-sm font-medium">
        {title}
      </Heading>
      <p className="text-xs text-muted">{summary}</p>
      {children}
      <details className="no-print text-sm">
        <summary className="cursor-pointer text-accent">Table view: {title}</summary>
        <div
          className="mt-2 max-h-72 overflow-auto"
          tabIndex={0}
          role="region"
          aria-label={`${title}, as a table`}
        >
          <table className="w-full text-xs tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-border text-left text-muted">
                {columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={`py-1 pr-3 font-medium ${c.numeric ? 'text-right' : ''}`}
                  >
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} className="border-b border-border">
                  {columns.map((c) => (
                    <td key={c.key} className={`py-1 pr-3 ${c.numeric ? 'text-right' : ''}`}>
                      {row[c.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
