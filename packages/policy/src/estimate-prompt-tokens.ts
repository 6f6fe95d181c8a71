/**
 * A cheap, provider-neutral estimate of a chat prompt's size in tokens, used by routing to keep
 * over-long prompts away from small context windows. It is deliberately a heuristic rather than
 * a tokenizer: it runs on every request (a real BPE pass costs milliseconds on long prompts and
 * differs per provider anyway), and the provider's own `context_length_exceeded` answer remains
 * the ground truth — the data plane fails over to a larger window when that happens.
 *
 * Rules of thumb (OpenAI's published guidance, close enough for Claude/Gemini/Llama English):
 * - ~4 characters of text per token;
 * - ~4 tokens of framing per message, 3 to prime the reply;
 * - an image costs a few hundred to ~1,100 tokens depending on size and detail: 800 is assumed;
 * - audio and files are sized from their base64 payload (tokens scale with duration/pages,
 *   which scale with bytes), at roughly 1 token per 500 characters of base64, at least 200.
 */

export const charactersPerToken = 4;
const tokensPerMessage = 4;
const replyPrimingTokens = 3;
export const tokensPerImage = 800;
const base64CharactersPerToken = 500;
const minimumAttachmentTokens = 200;

/** The parts of a chat request the estimate reads; structurally satisfied by the canonical request. */
export interface EstimablePrompt {
  messages: readonly { content?: unknown; tool_calls?: unknown; [field: string]: unknown }[];
  tools?: readonly unknown[] | null | undefined;
}

/** Estimated prompt tokens of a chat request (see the module comment for the rules). */
export function estimatePromptTokens(prompt: EstimablePrompt): number {
  let characters = 0;
  let tokens = replyPrimingTokens;
  for (const message of prompt.messages) {
    tokens += tokensPerMessage;
    const content = message.content;
    if (typeof content === 'string') {
      characters += content.length;
    } else if (Array.isArray(content)) {
      for (const part of content as unknown[]) {
        const sized = sizePart(part);
        characters += sized.characters;
        tokens += sized.tokens;
      }
    }
    if (message.tool_calls) characters += jsonLength(message.tool_calls);
  }
  if (prompt.tools && prompt.tools.length > 0) characters += jsonLength(prompt.tools);
  return tokens + Math.ceil(characters / charactersPerToken);
}

function sizePart(part: unknown): { characters: number; tokens: number } {
  if (typeof part !== 'object' || part === null) return { characters: 0, tokens: 0 };
  const typed = part as {
    type?: unknown;
    text?: unknown;
    input_audio?: { data?: unknown };
    file?: { file_data?: unknown };
  };
  switch (typed.type) {
    case 'text':
      return { characters: typeof typed.text === 'string' ? typed.text.length : 0, tokens: 0 };
    case 'image_url':
      return { characters: 0, tokens: tokensPerImage };
    case 'input_audio':
      return { characters: 0, tokens: attachmentTokens(typed.input_audio?.data) };
    case 'file':
      return { characters: 0, tokens: attachmentTokens(typed.file?.file_data) };
    default:
      return { characters: 0, tokens: 0 };
  }
}

function attachmentTokens(data: unknown): number {
  const length = typeof data === 'string' ? data.length : 0;
  return Math.max(minimumAttachmentTokens, Math.ceil(length / base64CharactersPerToken));
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
