export { scenarioSchema } from './scenario-schema';
export {
  DEFAULT_SCENARIO_PATH,
  ScenarioError,
  loadScenario,
  parseScenario,
  type Scenario,
} from './scenario';
export { SimulatedWorld, type WorldOptions } from './world';
export type { GroundTruth, TruthAttempt, TruthExecution, TruthTier } from './ground-truth';
export { METRIC } from './metric-types';

import type { Scenario } from './scenario';
import { SimulatedWorld, type WorldOptions } from './world';

/**
 * A simulated project: `days` of history ending at `now`, the same for the same seed. With a later
 * `windowEndMs` it opens at `now` part-way through and `advanceTo` plays the rest of the same history.
 */
export function createWorld(scenario: Scenario, options: WorldOptions): SimulatedWorld {
  return new SimulatedWorld(scenario, options);
}

/**
 * The scenario's other regions (`otherRegions`): the same jobs and workload, each region a world
 * of its own with its own draws, so one job name in two regions has two different histories.
 */
export function createOtherRegions(scenario: Scenario, options: WorldOptions): SimulatedWorld[] {
  return scenario.otherRegions.map(
    (region, i) =>
      new SimulatedWorld(
        { ...scenario, region, otherRegions: [] },
        { ...options, seed: options.seed + 1000 * (i + 1) },
      ),
  );
}
