import * as grpc from '@grpc/grpc-js';

/** How often calls fail and how long each waits; rates are per call, in [0, 1]. */
export interface FaultSpec {
  readonly unavailableRate: number;
  readonly exhaustedRate: number;
  readonly latencyMs: number;
}

export const NO_FAULTS: FaultSpec = { unavailableRate: 0, exhaustedRate: 0, latencyMs: 0 };

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(`bad fault spec: ${message}; write e.g. "unavailable=0.2,exhausted=0.05,latency=200ms"`);
    this.name = 'FaultSpecError';
  }
}

function parseRate(key: string, text: string): number {
  const rate = Number(text);
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new FaultSpecError(`${key}=${text} is not a fraction from 0 to 1`);
  }
  return rate;
}

function parseLatencyMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!match) throw new FaultSpecError(`latency=${text} is not a duration such as 200ms or 1s`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** Reads `unavailable=0.2,exhausted=0.05,latency=200ms`; every key is optional, an empty spec means none. */
export function parseFaults(spec: string): FaultSpec {
  let faults = { ...NO_FAULTS };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value, extra] = part.split('=');
    if (value === undefined || extra !== undefined)
      throw new FaultSpecError(`"${part}" is not key=value`);
    switch (key?.trim()) {
      case 'unavailable':
        faults = { ...faults, unavailableRate: parseRate('unavailable', value) };
        break;
      case 'exhausted':
        faults = { ...faults, exhaustedRate: parseRate('exhausted', value) };
        break;
      case 'latency':
        faults = { ...faults, latencyMs: parseLatencyMs(value) };
        break;
      default:
        throw new FaultSpecError(`unknown key "${key}" (known: unavailable, exhausted, latency)`);
    }
  }
  if (faults.unavailableRate + faults.exhaustedRate > 1) {
    throw new FaultSpecError('unavailable + exhausted add up to more than 1');
  }
  return faults;
}

/** mulberry32: a small seeded PRNG, so a run with the same seed fails the same calls. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Decision = { code: grpc.status; details: string } | undefined;

/** Decides, per call and in arrival order, whether it fails. */
export function faultDecider(faults: FaultSpec, seed: number): (method: string) => Decision {
  const random = seededRandom(seed);
  return (method) => {
    const draw = random();
    if (draw < faults.unavailableRate) {
      return {
        code: grpc.status.UNAVAILABLE,
        details: `${method}: the service is unavailable (injected fault); retry with backoff`,
      };
    }
    if (draw < faults.unavailableRate + faults.exhaustedRate) {
      return {
        code: grpc.status.RESOURCE_EXHAUSTED,
        details: `${method}: quota exceeded (injected fault); retry later`,
      };
    }
    return undefined;
  };
}

/**
 * Wraps every unary handler of a service: the fault is drawn when the call arrives, the call
 * waits the latency, then fails or goes on.
 */
export function withFaults(
  handlers: grpc.UntypedServiceImplementation,
  faults: FaultSpec,
  decide: (method: string) => Decision,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const unaryHandler = handler as grpc.handleUnaryCall<unknown, unknown>;
    wrapped[method] = ((call, callback) => {
      const decision = decide(method);
      const proceed = () => (decision ? callback(decision) : unaryHandler(call, callback));
      if (faults.latencyMs > 0) setTimeout(proceed, faults.latencyMs);
      else proceed();
    }) satisfies grpc.handleUnaryCall<unknown, unknown>;
  }
  return wrapped;
}
