import type { FunctionTool, ToolChoice } from '../spec/chat-request.js';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from './gemini-api.js';

/** Refuses or records an unsupported value; returns whether it may be used. */
type Gate = (param: string, allowed: boolean, hint?: string) => boolean;

/**
 * OpenAI function tools → `tools[].functionDeclarations`, `tool_choice` →
 * `toolConfig.functionCallingConfig` (reference §3.2, §3.7).
 *
 * Parameters go out as `parametersJsonSchema` (plain JSON Schema), not the OpenAPI-subset
 * `parameters`: the reference prefers it for pass-through, and Google documents that the JSON
 * Schema fields accept `additionalProperties`, `anyOf`, `$ref`/`$defs`, … which `parameters`
 * rejects. Converting to the OpenAPI subset would mean deleting constraints the caller wrote.
 */
export function convertToGeminiTools(
  tools: readonly FunctionTool[] | null | undefined,
  toolChoice: ToolChoice | null | undefined,
  gate: Gate,
): {
  tools?: { functionDeclarations: GeminiFunctionDeclaration[] }[];
  toolConfig?: GeminiToolConfig;
} {
  const result: ReturnType<typeof convertToGeminiTools> = {};
  if (tools && tools.length > 0) {
    // Gemini has no per-tool constrained-decoding switch like OpenAI's `strict`.
    if (tools.some((tool) => tool.function.strict === true)) {
      gate('tools[].function.strict', false, 'Gemini has no strict function-calling mode');
    }
    result.tools = [
      {
        functionDeclarations: tools.map((tool) => ({
          name: tool.function.name,
          ...(tool.function.description === undefined
            ? {}
            : { description: tool.function.description }),
          ...(tool.function.parameters === undefined
            ? {}
            : { parametersJsonSchema: convertToGeminiJsonSchema(tool.function.parameters) }),
        })),
      },
    ];
  }
  if (toolChoice !== null && toolChoice !== undefined) {
    result.toolConfig = { functionCallingConfig: convertToolChoice(toolChoice) };
  }
  return result;
}

function convertToolChoice(toolChoice: ToolChoice): GeminiToolConfig['functionCallingConfig'] {
  if (toolChoice === 'auto') return { mode: 'AUTO' };
  if (toolChoice === 'none') return { mode: 'NONE' };
  if (toolChoice === 'required') return { mode: 'ANY' };
  return { mode: 'ANY', allowedFunctionNames: [toolChoice.function.name] };
}

/** Keywords whose value is a map of name → subschema. */
const schemaMapKeywords: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
]);
/** Keywords whose value is a subschema or a list of subschemas. */
const subschemaKeywords: ReadonlySet<string> = new Set([
  'items',
  'prefixItems',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
]);

/**
 * Prepares a JSON Schema for `parametersJsonSchema` / `responseJsonSchema`. Only `$schema` is
 * removed: it is a dialect marker, not a constraint, and is not in Google's list of supported
 * JSON Schema keywords (https://ai.google.dev/api/generate-content#generationconfig —
 * `responseJsonSchema`); everything that constrains the output is kept. The walk follows schema
 * positions only, so a *property* named `$schema` survives.
 */
export function convertToGeminiJsonSchema(
  schema: Record<string, unknown>,
): Record<string, unknown> {
  const converted: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === '$schema') continue;
    if (schemaMapKeywords.has(keyword) && isRecord(value)) {
      converted[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, subschema]) => [name, convertSubschema(subschema)]),
      );
    } else if (subschemaKeywords.has(keyword)) {
      converted[keyword] = Array.isArray(value)
        ? value.map(convertSubschema)
        : convertSubschema(value);
    } else {
      converted[keyword] = value;
    }
  }
  return converted;
}

function convertSubschema(value: unknown): unknown {
  return isRecord(value) ? convertToGeminiJsonSchema(value) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
