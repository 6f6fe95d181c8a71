import type { ChatMessage, ContentPart } from '../spec/chat-request.js';
import type { RequestGate } from './openai-compatible-gate.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';

type MessageProfile = Pick<OpenAiCompatibleProfile, 'messages' | 'capabilities' | 'displayName'>;

/**
 * Converts canonical messages (already OpenAI-shaped) to what the provider accepts. Nothing is
 * removed silently: a message field or content part the provider cannot take goes through the
 * gate (400 naming it, or a recorded drop). Translations that keep the meaning are applied
 * without asking: `developer` → `system` where the role does not exist (reference §4.1 advice),
 * and tool-call ids rewritten to the provider's id alphabet (Mistral, reference §4.2 ⚠).
 */
export function convertToOpenAiCompatibleMessages(
  messages: readonly ChatMessage[],
  profile: MessageProfile,
  gate: RequestGate,
): Record<string, unknown>[] {
  const rules = profile.messages;
  const rewriteId = rules.rewriteToolCallId ?? ((id: string) => id);
  return messages.map((message) => {
    const out: Record<string, unknown> = { ...message };
    if (message.role === 'developer' && rules.developerRole === 'system') out['role'] = 'system';
    if (message.role !== 'tool' && message.name != null && !rules.names) {
      gate.allow('messages[].name', false, `${profile.displayName} refuses named messages`);
      delete out['name'];
    }
    if (message.role === 'assistant') {
      if (message.reasoning_content != null && !rules.assistantReasoning) {
        gate.allow(
          'messages[].reasoning_content',
          false,
          `${profile.displayName} does not accept reasoning replayed in the history`,
        );
        delete out['reasoning_content'];
      }
      if (message.tool_calls) {
        out['tool_calls'] = message.tool_calls.map((call) => ({ ...call, id: rewriteId(call.id) }));
      }
    }
    if (message.role === 'tool') out['tool_call_id'] = rewriteId(message.tool_call_id);
    if (Array.isArray(message.content)) {
      out['content'] = message.content.flatMap((part) => convertPart(part, profile, gate));
    }
    return out;
  });
}

function convertPart(part: ContentPart, profile: MessageProfile, gate: RequestGate): ContentPart[] {
  const { capabilities, messages: rules, displayName } = profile;
  switch (part.type) {
    case 'image_url': {
      if (!capabilities.vision) {
        gate.allow('messages[].content[].image_url', false, `${displayName} takes no image input`);
        return [];
      }
      if (!capabilities.imageUrls && !part.image_url.url.startsWith('data:')) {
        gate.allow(
          'messages[].content[].image_url.url',
          false,
          `${displayName} accepts base64 data: URLs only, not links`,
        );
        return [];
      }
      if (part.image_url.detail !== undefined && !rules.imageDetail) {
        gate.allow('messages[].content[].image_url.detail', false);
        const { detail: _detail, ...imageUrl } = part.image_url;
        return [{ ...part, image_url: imageUrl }];
      }
      return [part];
    }
    case 'input_audio':
      if (rules.audioInput) return [part];
      gate.allow('messages[].content[].input_audio', false, `${displayName} takes no audio input`);
      return [];
    case 'file':
      if (capabilities.documents) return [part];
      gate.allow('messages[].content[].file', false, `${displayName} takes no file input`);
      return [];
    default:
      return [part];
  }
}
