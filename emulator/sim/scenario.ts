import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { scenarioSchema } from './scenario-schema';

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioJob = Scenario['jobs'][number];
export type ScenarioStream = Scenario['streams'][number];
export type ScenarioMix = ScenarioStream['mix'][number];
export type Physics = ScenarioStream['physics'];

/** The built-in demo scenario: one reel-stitching job at fixed limits plus a thumbnail job. */
export const DEFAULT_SCENARIO_PATH = fileURLToPath(
  new URL('../scenarios/reel-stitching.json', import.meta.url),
);

/** A scenario that cannot be used; the message names the file and every bad field. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** `jobs[0].limits[1].memory` from zod's path segments. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(top level)' : text;
}

/** Checks and completes a scenario (defaults filled in); throws ScenarioError listing every problem. */
export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  throw new ScenarioError(`${source} is not a valid scenario:\n${lines.join('\n')}`);
}

/** Reads and checks a scenario JSON file. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`cannot read scenario ${file}: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`${file} is not valid JSON: ${reason}`);
  }
  return parseScenario(json, file);
}
