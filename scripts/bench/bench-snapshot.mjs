import { SnapshotBuilder, createTestKeyRing } from '@switchyard/testkit';

/**
 * The benchmark's policy snapshot: one tenant with a three-rule routing policy (as the routing
 * issue asks), one key, one OpenAI deployment on `upstreamUrl`, and the alias `bench`.
 */
export function buildBenchSnapshot(upstreamUrl) {
  const { ring, text } = createTestKeyRing();
  const builder = new SnapshotBuilder(ring);
  const tenant = builder.tenant({
    routingPolicy: {
      languageVersion: 1,
      rules: [
        {
          name: 'long-prompts',
          when: { promptTokens: { min: 100_000 } },
          route: {
            strategy: 'priority',
            targets: [{ model: 'bench-model' }],
            allowLargerContext: true,
          },
        },
        {
          name: 'tools-to-primary',
          when: { features: { tools: true } },
          route: {
            strategy: 'priority',
            targets: [{ deployment: 'bench-primary' }],
            allowLargerContext: true,
          },
        },
        {
          name: 'default-weighted',
          when: { models: ['bench'] },
          route: {
            strategy: 'weighted',
            targets: [{ deployment: 'bench-primary', weight: 1 }],
            allowLargerContext: true,
          },
        },
      ],
      failover: {
        maxAttempts: 3,
        retryOn: ['connect', 'timeout', '408', '429', '5xx'],
        retriesPerTarget: 1,
        backoffMs: 100,
        maxBackoffMs: 2000,
        deadlineMs: 120000,
        connectTimeoutMs: 5000,
        firstTokenTimeoutMs: 60000,
        totalTimeoutMs: 600000,
      },
    },
  });
  const { key } = builder.apiKey(tenant);
  const account = builder.providerAccount({
    providerType: 'openai',
    baseUrl: `${upstreamUrl}/v1`,
    keys: ['sk-bench'],
  });
  const model = builder.model({
    id: 'bench-model',
    canonicalId: 'gpt-4.1-nano-2025-04-14',
    providerType: 'openai',
    providerModelId: 'gpt-4.1-nano',
  });
  builder.deployment(model, account, { id: 'bench-primary', name: 'bench-primary' });
  builder.alias('bench', model, tenant);
  return { snapshot: builder.build(), masterKeys: text, key };
}
