import { z } from 'zod';

/** `POST /v1/completions` body (legacy; https://platform.openai.com/docs/api-reference/completions). */
export const completionsRequestSchema = z
  .object({
    model: z.string().min(1),
    prompt: z.union([
      z.string(),
      z.array(z.string()).min(1),
      z.array(z.number().int()).min(1),
      z.array(z.array(z.number().int()).min(1)).min(1),
    ]),
    max_tokens: z.number().int().min(1).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    n: z.number().int().min(1).max(128).nullish(),
    stream: z.boolean().nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    user: z.string().nullish(),
  })
  .loose();
