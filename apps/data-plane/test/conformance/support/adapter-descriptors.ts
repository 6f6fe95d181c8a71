import { providerAdapters, type AdapterCapabilities } from '@switchyard/providers';
import type { RecordedScenarioName } from '@switchyard/testkit';
import { providerFamilies, type ProviderFamily } from './provider-families.js';

/** The AWS access key id the mock accepts, and one it does not (our "revoked" credential). */
export const bedrockAccessKeyId = 'AKIACONFORMANCE0001';
export const revokedBedrockAccessKeyId = 'AKIAREVOKED00000001';

/**
 * How one adapter is wired to the shared mock: everything the contract suite needs to know
 * about a provider is here, as data. Capabilities are read from the adapter itself, never
 * restated, so the matrix always shows what the shipped code declares.
 */
export interface AdapterDescriptor {
  /** Registry id (the `providerType` of accounts). */
  id: string;
  displayName: string;
  capabilities: AdapterCapabilities;
  family: ProviderFamily;
  /** What the client sends as `model` (the catalog's canonical id). */
  model: string;
  /** The provider's own model id (Azure: the deployment name). */
  providerModelId: string;
  /** Base URL of the account, given the mock's URL. */
  baseUrl(mockUrl: string): string;
  region?: string;
  options?: Record<string, string>;
  /** The account option that carries the credential id, when it is not the secret itself. */
  revokedOptions?: Record<string, string>;
  /** Recorded real response replayed for the plain text and streaming cases. */
  recordedText?: RecordedScenarioName;
  /** Canonical parameters the provider spells differently on the wire (e.g. Mistral's seed). */
  renamedParameters?: Readonly<Record<string, string>>;
}

interface DescriptorInput extends Omit<
  AdapterDescriptor,
  'capabilities' | 'displayName' | 'model' | 'family'
> {
  family: keyof typeof providerFamilies;
}

/** Every OpenAI-compatible profile appends `/chat/completions` to its base URL, so `/v1` works. */
const openAiBase = (mockUrl: string) => `${mockUrl}/v1`;
const rootBase = (mockUrl: string) => mockUrl;

const inputs: readonly DescriptorInput[] = [
  {
    id: 'openai',
    family: 'openai',
    providerModelId: 'gpt-4.1-nano',
    baseUrl: openAiBase,
    region: 'us-east',
  },
  {
    id: 'azure-openai',
    family: 'azure',
    providerModelId: 'gpt-4o-mini-prod',
    baseUrl: rootBase,
    region: 'swedencentral',
    options: { apiVersion: '2024-10-21' },
  },
  {
    id: 'anthropic',
    family: 'anthropic',
    providerModelId: 'claude-haiku-4-5-20251001',
    baseUrl: rootBase,
  },
  { id: 'gemini', family: 'gemini', providerModelId: 'gemini-2.5-flash', baseUrl: rootBase },
  {
    id: 'bedrock',
    family: 'bedrock',
    providerModelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    baseUrl: rootBase,
    region: 'us-east-1',
    options: { accessKeyId: bedrockAccessKeyId },
    revokedOptions: { accessKeyId: revokedBedrockAccessKeyId },
  },
  {
    id: 'mistral',
    family: 'openai',
    providerModelId: 'mistral-small-latest',
    baseUrl: openAiBase,
    recordedText: 'mistral-text',
    renamedParameters: { seed: 'random_seed' },
  },
  {
    id: 'deepseek',
    family: 'openai',
    providerModelId: 'deepseek-chat',
    baseUrl: openAiBase,
    recordedText: 'deepseek-reasoning',
  },
  { id: 'qwen', family: 'openai', providerModelId: 'qwen-plus', baseUrl: openAiBase },
  { id: 'groq', family: 'openai', providerModelId: 'llama-3.3-70b-versatile', baseUrl: openAiBase },
  {
    id: 'together',
    family: 'openai',
    providerModelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    baseUrl: openAiBase,
  },
  {
    id: 'fireworks',
    family: 'openai',
    providerModelId: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
    baseUrl: openAiBase,
  },
  // grok-3-mini: the one xAI model that takes reasoning_effort (see the xAI profile's model rules).
  { id: 'xai', family: 'openai', providerModelId: 'grok-3-mini', baseUrl: openAiBase },
  {
    id: 'openrouter',
    family: 'openai',
    providerModelId: 'openai/gpt-4o-mini',
    baseUrl: openAiBase,
  },
  {
    id: 'vllm',
    family: 'openai',
    providerModelId: 'meta-llama/Llama-3.1-8B-Instruct',
    baseUrl: openAiBase,
  },
  { id: 'ollama', family: 'openai', providerModelId: 'llama3.2', baseUrl: openAiBase },
  { id: 'demo', family: 'openai', providerModelId: 'demo-model', baseUrl: openAiBase },
];

function describeAdapter(input: DescriptorInput): AdapterDescriptor {
  const adapter = providerAdapters.get(input.id);
  if (adapter === undefined) throw new Error(`conformance: no adapter registered as '${input.id}'`);
  return {
    ...input,
    family: providerFamilies[input.family],
    displayName: adapter.displayName,
    capabilities: adapter.capabilities,
    model: `conformance-${input.id}`,
  };
}

/** One descriptor per registered adapter; a new adapter without a descriptor fails the suite. */
export const adapterDescriptors: readonly AdapterDescriptor[] = inputs.map(describeAdapter);

export function missingDescriptors(): string[] {
  const described = new Set(adapterDescriptors.map((descriptor) => descriptor.id));
  return [...providerAdapters.keys()].filter((id) => !described.has(id));
}
