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
