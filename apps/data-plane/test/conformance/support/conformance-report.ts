import { appendFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { it, type TestContext } from 'vitest';
import type { AdapterCapabilities } from '@switchyard/providers';
import type { AdapterDescriptor } from './adapter-descriptors.js';

/**
 * The columns of the conformance matrix, in order. `requires` names the adapter capabilities a
 * column needs: when the adapter declares one of them false, the column's tests assert the
 * gateway's refusal instead, and a passing refusal shows as "not supported by the provider".
 */
export const capabilityColumns = [
  { id: 'text', title: 'text', requires: ['chat'] },
  { id: 'streaming', title: 'stream', requires: ['streaming'] },
  { id: 'tools', title: 'tools', requires: ['tools'] },
  { id: 'tool-streaming', title: 'tool stream', requires: ['tools', 'streaming'] },
  { id: 'parallel-tools', title: 'parallel tools', requires: ['parallelToolCalls'] },
  { id: 'json-schema', title: 'JSON schema', requires: ['jsonSchema'] },
  { id: 'json-object', title: 'JSON mode', requires: ['jsonObject'] },
  { id: 'image-url', title: 'image URL', requires: ['vision', 'imageUrls'] },
  { id: 'image-base64', title: 'image base64', requires: ['vision'] },
  { id: 'logprobs', title: 'logprobs', requires: ['logprobs'] },
  { id: 'n', title: 'n>1', requires: ['n'] },
  { id: 'seed', title: 'seed', requires: ['seed'] },
  { id: 'reasoning-effort', title: 'reasoning', requires: ['reasoningEffort'] },
  { id: 'embeddings', title: 'embeddings', requires: ['embeddings'] },
  { id: 'completions', title: 'completions', requires: ['completions'] },
  { id: 'upstream-errors', title: 'upstream errors', requires: [] },
  { id: 'error-headers', title: 'error headers', requires: [] },
  { id: 'caller-errors', title: 'caller errors', requires: [] },
  { id: 'client-disconnect', title: 'disconnect', requires: ['streaming'] },
  { id: 'ai-sdk', title: 'AI SDK', requires: ['chat'] },
  { id: 'anthropic-sdk', title: 'Anthropic SDK', requires: ['chat'] },
] as const satisfies readonly {
  id: string;
  title: string;
  requires: readonly (keyof AdapterCapabilities)[];
}[];

export type CapabilityId = (typeof capabilityColumns)[number]['id'];

/** Whether the adapter declares everything the column needs. */
export function supports(adapter: AdapterDescriptor, capability: CapabilityId): boolean {
  const column = capabilityColumns.find((candidate) => candidate.id === capability);
  if (column === undefined) throw new Error(`unknown conformance column ${capability}`);
  return column.requires.every((name: keyof AdapterCapabilities) => adapter.capabilities[name]);
}

export type Outcome = 'pass' | 'fail' | 'unsupported';

/** One line of the report file (JSON Lines). */
export type ReportLine =
  | {
      type: 'plan';
      adapters: { id: string; name: string }[];
      capabilities: { id: string; title: string }[];
    }
  | {
      type: 'result';
      adapter: string;
      capability: CapabilityId;
      outcome: Outcome;
      test: string;
      error?: string;
    };

const reportPath = process.env.CONFORMANCE_REPORT;

function append(line: ReportLine): void {
  if (reportPath) appendFileSync(reportPath, `${JSON.stringify(line)}\n`);
}

/** Writes the matrix axes once, so the printer can tell a missing cell from a passing one. */
export function reportPlan(adapters: readonly AdapterDescriptor[]): void {
  append({
    type: 'plan',
    adapters: adapters.map((adapter) => ({ id: adapter.id, name: adapter.displayName })),
    capabilities: capabilityColumns.map(({ id, title }) => ({ id, title })),
  });
}

/**
 * Defines one contract test whose real result is reported for (adapter, capability): a pass of a
 * test that proves a refusal is reported as `unsupported`, any failure as `fail`.
 */
export function contractTest(
  adapter: AdapterDescriptor,
  capability: CapabilityId,
  name: string,
  body: () => Promise<void>,
): void {
  const expectation = supports(adapter, capability) ? 'supported' : 'unsupported';
  it(name, async (context: TestContext) => {
    context.onTestFinished(({ task }) => {
      const passed = task.result?.state === 'pass';
      append({
        type: 'result',
        adapter: adapter.id,
        capability,
        outcome: passed ? (expectation === 'supported' ? 'pass' : 'unsupported') : 'fail',
        test: task.fullName,
        ...(passed ? {} : { error: summarize(task.result?.errors?.[0]) }),
      });
    });
    await body();
  });
}

/** The error's first line, plus the changed lines of its diff when the message elides them. */
function summarize(error: { message?: string; diff?: string } | undefined): string {
  const first = (error?.message ?? 'no result').split('\n')[0]!.slice(0, 300);
  const changed = stripVTControlCharacters(error?.diff ?? '')
    .split('\n')
    // Property lines of the diff (`-   "code": …`), not its legend or brackets.
    .filter((line) => /^[-+] {2,}\S/.test(line))
    .map((line) => line.trim())
    .slice(0, 6);
  return changed.length > 0 ? `${first} [${changed.join(' | ')}]` : first;
}
