import type {
  ChatCompletionChunk,
  ChatCompletionResponse,
  ChunkToolCallDelta,
  FinishReason,
  ResponseToolCall,
} from '@switchyard/providers';

/** Rebuilds a complete response from a stream's chunks (to cache a streamed answer). */
export function assembleChunks(
  chunks: readonly ChatCompletionChunk[],
): ChatCompletionResponse | undefined {
  const first = chunks[0];
  if (!first) return undefined;
  const choices = new Map<
    number,
    {
      content: string;
      reasoning: string;
      tools: Map<number, ResponseToolCall>;
      finish: FinishReason | null;
    }
  >();
  let usage: ChatCompletionResponse['usage'];
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      let state = choices.get(choice.index);
      if (!state) {
        state = { content: '', reasoning: '', tools: new Map(), finish: null };
        choices.set(choice.index, state);
      }
      state.content += choice.delta.content ?? '';
      state.reasoning += choice.delta.reasoning_content ?? '';
      for (const call of choice.delta.tool_calls ?? []) mergeToolCall(state.tools, call);
      if (choice.finish_reason) state.finish = choice.finish_reason;
    }
  }
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    choices: [...choices.entries()].map(([index, state]) => ({
      index,
      message: {
        role: 'assistant',
        content: state.content || (state.tools.size > 0 ? null : ''),
        ...(state.reasoning ? { reasoning_content: state.reasoning } : {}),
        ...(state.tools.size > 0 ? { tool_calls: [...state.tools.values()] } : {}),
      },
      logprobs: null,
      finish_reason: state.finish,
    })),
    ...(usage ? { usage } : {}),
  };
}

function mergeToolCall(tools: Map<number, ResponseToolCall>, delta: ChunkToolCallDelta): void {
  const existing = tools.get(delta.index);
  if (!existing) {
    tools.set(delta.index, {
      id: delta.id ?? `call_${delta.index}`,
      type: 'function',
      function: { name: delta.function?.name ?? '', arguments: delta.function?.arguments ?? '' },
    });
    return;
  }
  existing.function.arguments += delta.function?.arguments ?? '';
}

/** Replays a cached response as a stream: role, content, tool calls, finish, then usage. */
export function responseToChunks(
  response: ChatCompletionResponse,
  id: string,
): ChatCompletionChunk[] {
  const base = {
    id,
    object: 'chat.completion.chunk' as const,
    created: response.created,
    model: response.model,
  };
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of response.choices) {
    const message = choice.message;
    chunks.push({
      ...base,
      choices: [
        { index: choice.index, delta: { role: 'assistant', content: '' }, finish_reason: null },
      ],
    });
    if (message.reasoning_content)
      chunks.push({
        ...base,
        choices: [
          {
            index: choice.index,
            delta: { reasoning_content: message.reasoning_content },
            finish_reason: null,
          },
        ],
      });
    if (message.content)
      chunks.push({
        ...base,
        choices: [
          { index: choice.index, delta: { content: message.content }, finish_reason: null },
        ],
      });
    message.tool_calls?.forEach((call, position) =>
      chunks.push({
        ...base,
        choices: [
          {
            index: choice.index,
            delta: {
              tool_calls: [
                {
                  index: position,
                  id: call.id,
                  type: 'function',
                  function: { name: call.function.name, arguments: call.function.arguments },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      }),
    );
    chunks.push({
      ...base,
      choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }],
    });
  }
  if (response.usage) chunks.push({ ...base, choices: [], usage: response.usage });
  return chunks;
}
