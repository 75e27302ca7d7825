import { TableView } from './table-view';

export type TableColumn = {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
};

/** A chart with its title and, for keyboard and screen-reader users, the same figures as a table. */
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
      <TableView
        title={title}
        columns={columns.map((c) => ({ label: c.label, ...(c.numeric && { numeric: true }) }))}
        rows={rows.map((row) => columns.map((c) => row[c.key] ?? ''))}
      />
    </figure>
  );
}
