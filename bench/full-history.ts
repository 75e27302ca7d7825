/** Scenario retention that keeps every execution listable, for measurements of the engine alone. */
export const FULL_HISTORY = { days: 400, executions: 10_000_000 } as const;
