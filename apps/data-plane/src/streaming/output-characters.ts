import type { ChatCompletionChunk } from '@switchyard/providers';

/** Characters of model output (text, reasoning, tool arguments) in a batch of chunks. */
export function outputCharacters(chunks: readonly ChatCompletionChunk[]): number {
  let characters = 0;
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      characters += (delta.content?.length ?? 0) + (delta.reasoning_content?.length ?? 0);
      for (const call of delta.tool_calls ?? [])
        characters += call.function?.arguments?.length ?? 0;
    }
  }
  return characters;
}
