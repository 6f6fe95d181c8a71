import { encodeBedrockEvent } from './aws-eventstream.js';
import { readRecordedBody } from './fixtures.js';
import { randomId } from './ids.js';
import { asArray, asRecord, asString, cloneJson, type JsonRecord } from './json.js';
import { splitIntoDeltas, type ResolvedScenario, type ResponseScript } from './scenario.js';

/**
 * Bedrock Converse bodies, and ConverseStream events derived from them (reference §4.10). No
 * stream was recorded, so the stream is built from the non-streaming body with the documented
 * event order: messageStart → per block (contentBlockStart for tool use) contentBlockDelta…
 * contentBlockStop → messageStop → metadata.
 */

const stopReasonOf: Record<ResponseScript['finishReason'], string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

export function converseBody(scenario: ResolvedScenario): JsonRecord {
  if (scenario.kind === 'recorded')
    return asRecord(cloneJson(readRecordedBody(scenario.name))) ?? {};
  const { script } = scenario;
  const content: JsonRecord[] = [];
  if (script.reasoning !== undefined) {
    content.push({
      reasoningContent: {
        reasoningText: { text: script.reasoning, signature: 'mock-reasoning-signature' },
      },
    });
  }
  if (script.text !== '') content.push({ text: script.text });
  for (const call of script.toolCalls) {
    content.push({
      toolUse: {
        toolUseId: call.id ?? randomId('tooluse_', 22),
        name: call.name,
        input: call.arguments,
      },
    });
  }
  const { inputTokens, outputTokens } = script.usage;
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: stopReasonOf[script.finishReason],
    usage: {
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
    },
    metrics: { latencyMs: 321 },
  };
}

/**
 * Real ConverseStream payloads carry a random-length `p` field (padding against length side
 * channels); clients must ignore it, so the mock sends one too.
 */
function padded(payload: JsonRecord): JsonRecord {
  return {
    ...payload,
    p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123'.slice(
      0,
      5 + Math.floor(Math.random() * 40),
    ),
  };
}

/** The stream of a Converse body as `[eventType, payload]` pairs, in order. */
export function converseStreamEvents(body: JsonRecord): Array<[string, JsonRecord]> {
  const message = asRecord(asRecord(body.output)?.message) ?? {};
  const events: Array<[string, JsonRecord]> = [
    ['messageStart', { role: asString(message.role) ?? 'assistant' }],
  ];
  asArray(message.content).forEach((entry, contentBlockIndex) => {
    const block = asRecord(entry) ?? {};
    const delta = (value: JsonRecord): [string, JsonRecord] => [
      'contentBlockDelta',
      { contentBlockIndex, delta: value },
    ];
    const toolUse = asRecord(block.toolUse);
    const reasoning = asRecord(asRecord(block.reasoningContent)?.reasoningText);
    if (toolUse !== undefined) {
      events.push([
        'contentBlockStart',
        {
          contentBlockIndex,
          start: { toolUse: { toolUseId: toolUse.toolUseId, name: toolUse.name } },
        },
      ]);
      // Tool input streams as a JSON string, possibly in several fragments.
      const json = JSON.stringify(toolUse.input ?? {});
      const middle = Math.ceil(json.length / 2);
      for (const part of [json.slice(0, middle), json.slice(middle)])
        if (part !== '') events.push(delta({ toolUse: { input: part } }));
    } else if (reasoning !== undefined) {
      for (const piece of splitIntoDeltas(asString(reasoning.text) ?? ''))
        events.push(delta({ reasoningContent: { text: piece } }));
      if (reasoning.signature !== undefined)
        events.push(delta({ reasoningContent: { signature: reasoning.signature } }));
    } else {
      // Text blocks start without a contentBlockStart event.
      for (const piece of splitIntoDeltas(asString(block.text) ?? ''))
        events.push(delta({ text: piece }));
    }
    events.push(['contentBlockStop', { contentBlockIndex }]);
  });
  events.push(['messageStop', { stopReason: body.stopReason ?? 'end_turn' }]);
  events.push([
    'metadata',
    { usage: body.usage ?? {}, metrics: body.metrics ?? { latencyMs: 321 } },
  ]);
  return events;
}

export function converseStreamFrames(body: JsonRecord): Buffer[] {
  return converseStreamEvents(body).map(([eventType, payload]) =>
    encodeBedrockEvent(eventType, padded(payload)),
  );
}
