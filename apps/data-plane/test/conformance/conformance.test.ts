import { describe, expect, it } from 'vitest';
import { defineAdapterContract } from './define-adapter-contract.js';
import { defineGatewayContract } from './gateway-contract.js';
import { adapterDescriptors, missingDescriptors } from './support/adapter-descriptors.js';
import { useConformanceHarness } from './support/conformance-harness.js';
import { reportPlan } from './support/conformance-report.js';

/**
 * The conformance suite: one contract, instantiated for every adapter in the registry, against
 * one gateway and one mock provider. `npm run conformance` runs it and prints the matrix.
 */
const harness = useConformanceHarness();
reportPlan(adapterDescriptors);

describe('conformance', () => {
  it('covers every adapter in the registry', () => {
    expect(missingDescriptors()).toEqual([]);
  });

  defineGatewayContract(adapterDescriptors[0]!, harness);

  for (const adapter of adapterDescriptors) defineAdapterContract(adapter, harness);
});
