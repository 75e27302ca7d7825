/**
 * A report with every fraction to 12 significant digits, for comparing two reports built from the
 * same data read in different shapes: stored hours and a live read sum the same metered seconds in
 * another order, so the last bits of the reconciliation may differ.
 */
export function sameFigures(report: unknown): unknown {
  return JSON.parse(
    JSON.stringify(report, (_key, value: unknown) =>
      typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value,
    ),
  );
}

/**
 * `sameFigures` of everything but the reconciliation and its warning: a report from the ledger
 * compares billing with its executions only up to the last settled hour the ledger stored, a live
 * one up to now.
 */
export function sameFiguresBesideBilling(report: {
  readonly reconciliation: unknown;
  readonly warnings: readonly { readonly kind: string }[];
}): unknown {
  const rest: Record<string, unknown> = { ...report };
  delete rest.reconciliation;
  rest.warnings = report.warnings.filter((w) => w.kind !== 'reconciliation');
  return sameFigures(rest);
}
