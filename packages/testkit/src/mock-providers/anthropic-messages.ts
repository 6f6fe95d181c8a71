import { readRecordedBody, readRecordedChunks } from './fixtures.js';
import { randomId } from './ids.js';
import { asRecord, asString, cloneJson, parseJson, type JsonRecord } from './json.js';
import { splitIntoDeltas, type ResolvedScenario, type ResponseScript } from './scenario.js';
import { formatNamedEvent } from './sse.js';

/**
 * Anthropic Messages bodies and streams (reference §2.5, §2.6): recorded ones replayed, scripted
 * ones rendered with the same fields and event order as the recordings.
 */

const stopReasonOf: Record<ResponseScript['finishReason'], string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

function usageOf(script: ResponseScript, outputTokens: number): JsonRecord {
  return {
    input_tokens: script.usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function contentBlocksOf(script: ResponseScript): JsonRecord[] {
  const blocks: JsonRecord[] = [];
  if (script.reasoning !== undefined) {
    blocks.push({
      type: 'thinking',
      thinking: script.reasoning,
      signature: 'mock-thinking-signature',
    });
  }
  if (script.text !== '') blocks.push({ type: 'text', text: script.text });
  for (const call of script.toolCalls) {
    blocks.push({
      type: 'tool_use',
      id: call.id ?? randomId('toolu_01'),
      name: call.name,
      input: call.arguments,
    });
  }
  return blocks;
}

/** The non-streaming body; `model` overrides the recorded/scripted one. */
export function anthropicMessageBody(scenario: ResolvedScenario, model: string): unknown {
  if (scenario.kind === 'recorded') {
    const body = cloneJson(readRecordedBody(scenario.name));
    const record = asRecord(body);
    if (record !== undefined) record.model = model;
    return body;
  }
  const { script } = scenario;
  return {
    model,
    id: randomId('msg_01'),
    type: 'message',
    role: 'assistant',
    content: contentBlocksOf(script),
    stop_reason: stopReasonOf[script.finishReason],
    stop_sequence: null,
    usage: usageOf(script, script.usage.outputTokens),
  };
}

/** The stream as framed events: `event: <type>` equal to the JSON `type`, `ping` included. */
export function anthropicMessageEvents(scenario: ResolvedScenario, model: string): string[] {
  const payloads =
    scenario.kind === 'recorded'
      ? recordedPayloads(scenario.name, model)
      : scriptedPayloads(scenario.script, model);
  return payloads.map((payload) => {
    const record = asRecord(parseJson(payload));
    return formatNamedEvent(asString(record?.type) ?? 'unknown', payload);
  });
}

function recordedPayloads(name: Parameters<typeof readRecordedChunks>[0], model: string): string[] {
  return readRecordedChunks(name).map((line) => {
    const event = asRecord(parseJson(line));
    const message = asRecord(event?.message);
    if (event?.type !== 'message_start' || message === undefined || message.model === model)
      return line;
    message.model = model;
    return JSON.stringify(event);
  });
}

function scriptedPayloads(script: ResponseScript, model: string): string[] {
  const events: JsonRecord[] = [
    {
      type: 'message_start',
      message: {
        model,
        id: randomId('msg_01'),
        type: 'message',
        role: 'assistant',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageOf(script, 1),
      },
    },
  ];
  contentBlocksOf(script).forEach((block, index) => {
    events.push(...blockEvents(block, index));
    // Anthropic sends a ping early in the stream; clients must ignore it.
    if (index === 0) events.splice(2, 0, { type: 'ping' });
  });
  const {
    cache_creation: _cacheCreation,
    service_tier: _serviceTier,
    ...deltaUsage
  } = usageOf(script, script.usage.outputTokens);
  events.push({
    type: 'message_delta',
    delta: { stop_reason: stopReasonOf[script.finishReason], stop_sequence: null },
    usage: deltaUsage,
  });
  events.push({ type: 'message_stop' });
  return events.map((event) => JSON.stringify(event));
}

function blockEvents(block: JsonRecord, index: number): JsonRecord[] {
  const delta = (value: JsonRecord): JsonRecord => ({
    type: 'content_block_delta',
    index,
    delta: value,
  });
  const events: JsonRecord[] = [];
  if (block.type === 'text') {
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const piece of splitIntoDeltas(asString(block.text) ?? ''))
      events.push(delta({ type: 'text_delta', text: piece }));
  } else if (block.type === 'thinking') {
    events.push({
      type: 'content_block_start',
      index,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    });
    for (const piece of splitIntoDeltas(asString(block.thinking) ?? ''))
      events.push(delta({ type: 'thinking_delta', thinking: piece }));
    events.push(delta({ type: 'signature_delta', signature: asString(block.signature) ?? '' }));
  } else {
    events.push({
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
    });
    // The first input_json_delta is empty in the recordings; clients must concatenate anyway.
    const json = JSON.stringify(block.input);
    const middle = Math.ceil(json.length / 2);
    for (const part of ['', json.slice(0, middle), json.slice(middle)])
      events.push(delta({ type: 'input_json_delta', partial_json: part }));
  }
  events.push({ type: 'content_block_stop', index });
  return events;
}
