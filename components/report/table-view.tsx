'use client';

import { useState } from 'react';

/**
 * A chart's figures as a table, one click away. The rows come as plain strings and the table is
 * drawn when it is opened: a report has a dozen charts, and drawing every table into the page
 * (and again into its payload) made the page three times the size its figures need.
 */
export function TableView({
  title,
  columns,
  rows,
}: {
  title: string;
  /** Column headings, and which are numbers (right-aligned). */
  columns: readonly { readonly label: string; readonly numeric?: boolean }[];
  /** One array of cell texts per row, in column order. */
  rows: readonly (readonly string[])[];
}) {
  const [open, setOpen] = useState(false);
  const align = (numeric: boolean | undefined) => (numeric ? 'text-right' : '');
  return (
    <details
      className="no-print text-sm"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer text-accent">Table view: {title}</summary>
      <div
        className="mt-2 max-h-72 overflow-auto"
        tabIndex={0}
        role="region"
        aria-label={`${title}, as a table`}
      >
        {open ? (
          <table className="w-full text-xs tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-border text-left text-muted">
                {columns.map((c, j) => (
                  <th key={j} scope="col" className={`py-1 pr-3 font-medium ${align(c.numeric)}`}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i} className="border-b border-border">
                  {columns.map((c, j) => (
                    <td key={j} className={`py-1 pr-3 ${align(c.numeric)}`}>
                      {cells[j]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </details>
  );
}
