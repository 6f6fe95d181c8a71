import type { PricePeriod, UsageTokens } from './price-types.js';
import { selectPrice } from './select-price.js';

const perMillion = 1_000_000n;

/** Token counts that contradict each other (e.g. more cached tokens than prompt tokens). */
export class InvalidUsageError extends Error {
  readonly code = 'invalid_usage';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUsageError';
  }
}

export interface CostResult<P extends PricePeriod = PricePeriod> {
  /** Exact cost in integer nano-USD. */
  costNanoUsd: bigint;
  /** The price period that was applied. */
  price: P;
  /** Whether the long-context tier rates were applied. */
  longContext: boolean;
}

/** The per-token-class rates (nano-USD per 1M tokens) after tier selection. */
interface AppliedRates {
  input: bigint;
  output: bigint;
  cacheRead: bigint;
  cacheWrite: bigint;
  cacheWrite1h: bigint;
  reasoning: bigint;
}

function tokens(name: string, value: number | undefined): bigint {
  const count = value ?? 0;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidUsageError(`${name} must be a non-negative integer, got ${count}`);
  }
  return BigInt(count);
}

function rate(value: number | null | undefined, fallback: bigint): bigint {
  if (value == null) return fallback;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`invalid price rate: ${value}`);
  return BigInt(value);
}

/** Whole-request tiering: past the threshold every token bills at the long-context rate. */
function isLongContext(price: PricePeriod, inputTokens: bigint): boolean {
  const threshold = price.longContextThresholdTokens;
  return threshold != null && inputTokens > BigInt(threshold);
}

function appliedRates(price: PricePeriod, longContext: boolean): AppliedRates {
  const baseInput = rate(price.input, 0n);
  const baseOutput = rate(price.output, 0n);
  const input = longContext ? rate(price.longContextInput, baseInput) : baseInput;
  const output = longContext ? rate(price.longContextOutput, baseOutput) : baseOutput;
  const shortCacheRead = rate(price.cacheRead, input);
  const cacheRead = longContext ? rate(price.longContextCacheRead, shortCacheRead) : shortCacheRead;
  const cacheWrite = rate(price.cacheWrite, input);
  return {
    input,
    output,
    cacheRead,
    cacheWrite,
    cacheWrite1h: rate(price.cacheWrite1h, cacheWrite),
    reasoning: rate(price.reasoning, output),
  };
}

/** Σ tokens × rate, still scaled by 1e6 (rates are per million tokens). */
function scaledCost(usage: UsageTokens, rates: AppliedRates): bigint {
  const input = tokens('inputTokens', usage.inputTokens);
  const output = tokens('outputTokens', usage.outputTokens);
  const cacheRead = tokens('cacheReadTokens', usage.cacheReadTokens);
  const cacheWrite = tokens('cacheWriteTokens', usage.cacheWriteTokens);
  const reasoning = tokens('reasoningTokens', usage.reasoningTokens);
  const cacheWrite1h = tokens('cacheWrite1hTokens', usage.cacheWrite1hTokens);
  if (cacheRead + cacheWrite > input) {
    throw new InvalidUsageError('cacheReadTokens + cacheWriteTokens exceed inputTokens');
  }
  if (cacheWrite1h > cacheWrite)
    throw new InvalidUsageError('cacheWrite1hTokens exceed cacheWriteTokens');
  if (reasoning > output) throw new InvalidUsageError('reasoningTokens exceed outputTokens');

  const uncachedInput = input - cacheRead - cacheWrite;
  return (
    uncachedInput * rates.input +
    cacheRead * rates.cacheRead +
    (cacheWrite - cacheWrite1h) * rates.cacheWrite +
    cacheWrite1h * rates.cacheWrite1h +
    (output - reasoning) * rates.output +
    reasoning * rates.reasoning
  );
}

/** Divides by 1e6 once, rounding half up, so a request's cost is an exact integer. */
function roundHalfUp(scaled: bigint): bigint {
  return (scaled + perMillion / 2n) / perMillion;
}

/**
 * Exact cost of one request in integer nano-USD, with the price effective at `at`.
 * Uncached input, cache reads, cache writes (5 m / 1 h), output and reasoning each bill at their
 * own rate, falling back to the input (or output) rate when the model has no separate one.
 */
export function computeCostNanoUsd<P extends PricePeriod>(
  usage: UsageTokens,
  prices: readonly P[],
  at: Date,
): CostResult<P> {
  const price = selectPrice(prices, at);
  const longContext = isLongContext(price, tokens('inputTokens', usage.inputTokens));
  const scaled = scaledCost(usage, appliedRates(price, longContext));
  return { costNanoUsd: roundHalfUp(scaled), price, longContext };
}

/**
 * Upper bound of a request's cost before it runs, for budget reservations: every prompt token at
 * the dearest input-side rate (a cache write can cost more than a plain input token), every
 * output token at the dearest output-side rate, tier by the prompt size, rounded up.
 */
export function worstCaseCostNanoUsd(
  promptTokens: number,
  maxOutputTokens: number,
  prices: readonly PricePeriod[],
  at: Date,
): bigint {
  const prompt = tokens('promptTokens', promptTokens);
  const output = tokens('maxOutputTokens', maxOutputTokens);
  const price = selectPrice(prices, at);
  const rates = appliedRates(price, isLongContext(price, prompt));
  const inputRate = [rates.input, rates.cacheRead, rates.cacheWrite, rates.cacheWrite1h].reduce(
    max,
  );
  const outputRate = max(rates.output, rates.reasoning);
  const scaled = prompt * inputRate + output * outputRate;
  return (scaled + perMillion - 1n) / perMillion;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
