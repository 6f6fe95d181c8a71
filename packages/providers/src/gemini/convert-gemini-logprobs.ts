import type { GeminiLogprobCandidate, GeminiLogprobsResult } from './gemini-api.js';

/** OpenAI's `choices[].logprobs` shape (reference §1.6; `bytes` = the token's UTF-8 bytes). */
export interface OpenAiTokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}
export interface OpenAiChoiceLogprobs {
  content: OpenAiTokenLogprob[];
  refusal: null;
}

const encoder = new TextEncoder();

/**
 * Gemini's `logprobsResult` (`chosenCandidates[i]` with the alternatives in `topCandidates[i]`,
 * requested with `responseLogprobs` + `logprobs`) → OpenAI logprobs. Null when absent, as OpenAI
 * sends when logprobs were not requested.
 */
export function convertGeminiLogprobs(
  result: GeminiLogprobsResult | undefined,
): OpenAiChoiceLogprobs | null {
  const chosen = result?.chosenCandidates;
  if (!chosen || chosen.length === 0) return null;
  return {
    content: chosen.map((candidate, position) => ({
      ...convertCandidate(candidate),
      top_logprobs: (result.topCandidates?.[position]?.candidates ?? []).map(convertCandidate),
    })),
    refusal: null,
  };
}

function convertCandidate(candidate: GeminiLogprobCandidate) {
  const token = candidate.token ?? '';
  return { token, logprob: candidate.logProbability ?? 0, bytes: [...encoder.encode(token)] };
}
