import { InvalidRequestError, UnsupportedParameterError } from '@switchyard/errors';
import {
  chatCompletionRequestSchema,
  type ChatCompletionRequest,
  type ChatMessage,
  type ContentPart,
  type FunctionTool,
  type ToolCall,
} from '../spec/chat-request.js';
import {
  knownIngressFields,
  type AnthropicIngressRequest,
  type IngressContentBlock,
  type IngressMediaBlock,
  type IngressTool,
} from './anthropic-ingress-api.js';

/**
 * Anthropic Messages request → canonical (OpenAI chat) request, the reverse of the §2.8 table.
 * Faithful first: what has a canonical form is translated; what has none (server tools, file
 * ids, URL documents, citations) is refused with a 400 naming the field — never dropped here.
 * `cache_control` and tool-result `is_error` ride along as extension fields on parts, tools and
 * tool messages; the Anthropic adapter reads them back, other adapters ignore them.
 */

const GATEWAY = 'the gateway';
type CanonicalRequest = ChatCompletionRequest;
type ReasoningEffort = NonNullable<ChatCompletionRequest['reasoning_effort']>;

/**
 * Thinking budget as a share of `max_tokens` → `reasoning_effort`: the inverse of the Anthropic
 * adapter's `thinkingBudgetShare` (low .1, medium .3, high .6, xhigh .8, max .95), cut at the
 * midpoints, so a budget the adapter produced maps back to the same effort.
 */
const effortByBudgetShare: readonly [number, ReasoningEffort][] = [
  [0.2, 'low'],
  [0.45, 'medium'],
  [0.7, 'high'],
  [0.875, 'xhigh'],
];

export function convertAnthropicRequestToCanonical(
  request: AnthropicIngressRequest,
): CanonicalRequest {
  const messages: ChatMessage[] = [];
  if (typeof request.system === 'string')
    messages.push({ role: 'system', content: request.system });
  else if (request.system) messages.push({ role: 'system', content: request.system.map(textPart) });
  request.messages.forEach((message, i) => {
    const path = `messages.${i}.content`;
    if (typeof message.content === 'string')
      messages.push({ role: message.role, content: message.content });
    else if (message.role === 'user') messages.push(...convertUserBlocks(message.content, path));
    else messages.push(convertAssistantBlocks(message.content, path));
  });

  const canonical: CanonicalRequest = {
    ...extensionFields(request),
    model: request.model,
    messages,
    // max_completion_tokens, like Anthropic's max_tokens, bounds reasoning and answer together.
    max_completion_tokens: request.max_tokens,
  };
  if (request.temperature !== undefined) canonical.temperature = request.temperature;
  if (request.top_p !== undefined) canonical.top_p = request.top_p;
  if (request.top_k !== undefined) canonical.top_k = request.top_k;
  if (request.stop_sequences && request.stop_sequences.length > 0) {
    if (request.stop_sequences.length > 4) {
      throw new InvalidRequestError('stop_sequences: at most 4 are supported through the gateway', {
        param: 'stop_sequences',
      });
    }
    canonical.stop = request.stop_sequences;
  }
  if (request.metadata?.user_id) canonical.user = request.metadata.user_id;
  if (request.service_tier)
    canonical.service_tier = request.service_tier === 'auto' ? 'auto' : 'default';
  if (request.stream) {
    canonical.stream = true;
    // Anthropic streams always end with usage (message_delta); ask every upstream for it.
    canonical.stream_options = { include_usage: true };
  }
  if (request.tools && request.tools.length > 0) canonical.tools = request.tools.map(convertTool);
  applyToolChoice(request, canonical);
  if (request.output_config?.format) {
    canonical.response_format = {
      type: 'json_schema',
      // Anthropic's format has no name; structured outputs are always enforced, hence strict.
      json_schema: { name: 'output', schema: request.output_config.format.schema, strict: true },
    };
  }
  const effort = reasoningEffort(request);
  if (effort) canonical.reasoning_effort = effort;

  const validated = chatCompletionRequestSchema.safeParse(canonical);
  if (!validated.success) {
    const issue = validated.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw new InvalidRequestError(
      `${path}: ${issue?.message ?? 'invalid'} (after translation to the canonical request)`,
      {
        param: path,
      },
    );
  }
  return validated.data;
}

/** Unknown top-level fields, kept so the target's parameter gate can refuse or drop them by name. */
function extensionFields(request: AnthropicIngressRequest): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request))
    if (!knownIngressFields.has(key)) extensions[key] = value;
  return extensions;
}

function withCacheControl<T extends object>(part: T, block: { cache_control?: unknown }): T {
  return block.cache_control ? { ...part, cache_control: block.cache_control } : part;
}

function textPart(block: { text: string; cache_control?: unknown }): ContentPart {
  return withCacheControl({ type: 'text', text: block.text }, block);
}

/** A user turn's blocks, in order: tool results become tool messages, the rest user parts. */
function convertUserBlocks(blocks: IngressContentBlock[], path: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let parts: ContentPart[] = [];
  const flush = () => {
    if (parts.length > 0) messages.push({ role: 'user', content: parts });
    parts = [];
  };
  blocks.forEach((block, j) => {
    const blockPath = `${path}.${j}`;
    switch (block.type) {
      case 'tool_result': {
        flush();
        const content =
          block.content === undefined
            ? ''
            : typeof block.content === 'string'
              ? block.content
              : block.content.map((inner, k) =>
                  inner.type === 'text'
                    ? textPart(inner)
                    : convertMedia(inner, `${blockPath}.content.${k}`),
                );
        const message: ChatMessage = { role: 'tool', tool_call_id: block.tool_use_id, content };
        if (block.is_error !== undefined) message.is_error = block.is_error;
        messages.push(withCacheControl(message, block));
        return;
      }
      case 'text':
        parts.push(textPart(block));
        return;
      case 'image':
      case 'document':
        parts.push(convertMedia(block, blockPath));
        return;
      default:
        throw new InvalidRequestError(
          `${blockPath}.type: '${block.type}' is not allowed in a user message`,
          {
            param: `${blockPath}.type`,
          },
        );
    }
  });
  flush();
  return messages;
}

function convertMedia(block: IngressMediaBlock, path: string): ContentPart {
  const source = block.source;
  if (block.type === 'image') {
    if (source.type === 'base64') {
      return withCacheControl(
        {
          type: 'image_url',
          image_url: { url: `data:${source.media_type};base64,${source.data}` },
        },
        block,
      );
    }
    if (source.type === 'url')
      return withCacheControl({ type: 'image_url', image_url: { url: source.url } }, block);
    throw new UnsupportedParameterError(
      `${path}.source`,
      GATEWAY,
      'file ids are not portable; send base64 or a URL',
    );
  }
  if (block.context || block.citations?.enabled) {
    const field = block.context ? 'context' : 'citations';
    throw new UnsupportedParameterError(
      `${path}.${field}`,
      GATEWAY,
      'document context and citations have no portable form',
    );
  }
  const title = block.title ? { filename: block.title } : {};
  if (source.type === 'base64') {
    const file = { ...title, file_data: `data:${source.media_type};base64,${source.data}` };
    return withCacheControl({ type: 'file', file }, block);
  }
  if (source.type === 'text') {
    const data = Buffer.from(source.data, 'utf8').toString('base64');
    return withCacheControl(
      { type: 'file', file: { ...title, file_data: `data:text/plain;base64,${data}` } },
      block,
    );
  }
  throw new UnsupportedParameterError(
    `${path}.source`,
    GATEWAY,
    'documents must be base64 or plain text',
  );
}

/** Assistant blocks → one assistant message: text parts, tool_calls, reasoning_content. */
function convertAssistantBlocks(blocks: IngressContentBlock[], path: string): ChatMessage {
  const parts: ContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  const thoughts: string[] = [];
  blocks.forEach((block, j) => {
    switch (block.type) {
      case 'text':
        parts.push(textPart(block));
        return;
      case 'tool_use':
        toolCalls.push(
          withCacheControl(
            {
              id: block.id,
              type: 'function',
              function: { name: block.name, arguments: JSON.stringify(block.input) },
            },
            block,
          ),
        );
        return;
      case 'thinking':
        // The signature cannot travel in the canonical format (see the adapter's comment).
        thoughts.push(block.thinking);
        return;
      case 'redacted_thinking':
        return; // opaque, and only meaningful to the Anthropic model that produced it
      default:
        throw new InvalidRequestError(
          `${path}.${j}.type: '${block.type}' is not allowed in an assistant message`,
          {
            param: `${path}.${j}.type`,
          },
        );
    }
  });
  const message: ChatMessage = { role: 'assistant', content: parts.length > 0 ? parts : null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thoughts.length > 0) message.reasoning_content = thoughts.join('');
  return message;
}

function convertTool(tool: IngressTool, i: number): FunctionTool {
  if (tool.type !== undefined && tool.type !== 'custom') {
    throw new UnsupportedParameterError(
      `tools.${i}.type`,
      GATEWAY,
      `server tool '${tool.type}' runs only on Anthropic`,
    );
  }
  if (!tool.input_schema) {
    throw new InvalidRequestError(`tools.${i}.input_schema: Field required`, {
      param: `tools.${i}.input_schema`,
    });
  }
  const fn: FunctionTool['function'] = { name: tool.name, parameters: tool.input_schema };
  if (tool.description !== undefined) fn.description = tool.description;
  if (tool.strict !== undefined) fn.strict = tool.strict;
  return withCacheControl({ type: 'function', function: fn }, tool);
}

/** auto/any/tool/none → auto/required/function/none; disable_parallel_tool_use → parallel_tool_calls. */
function applyToolChoice(request: AnthropicIngressRequest, canonical: CanonicalRequest): void {
  const choice = request.tool_choice;
  if (!choice) return;
  if (choice.type === 'auto') canonical.tool_choice = 'auto';
  else if (choice.type === 'any') canonical.tool_choice = 'required';
  else if (choice.type === 'none') canonical.tool_choice = 'none';
  else canonical.tool_choice = { type: 'function', function: { name: choice.name } };
  if (choice.type !== 'none' && choice.disable_parallel_tool_use)
    canonical.parallel_tool_calls = false;
}

/**
 * `output_config.effort` when given; else an enabled thinking budget as a share of max_tokens;
 * adaptive thinking without an effort means Anthropic's default effort, `high`. Disabled or
 * absent thinking sets nothing, leaving each target at its default.
 */
function reasoningEffort(request: AnthropicIngressRequest): ReasoningEffort | undefined {
  if (request.output_config?.effort) return request.output_config.effort;
  const thinking = request.thinking;
  if (thinking?.type === 'adaptive') return 'high';
  if (thinking?.type !== 'enabled') return undefined;
  const share = thinking.budget_tokens / request.max_tokens;
  return effortByBudgetShare.find(([limit]) => share < limit)?.[1] ?? 'max';
}
