import type { FunctionTool, ResponseFormat, ToolChoice } from '../spec/chat-request.js';
import type { BedrockConverseRequest, BedrockToolConfig } from './bedrock-api.js';

/** Refuses or records an unsupported value; returns whether it may be used. */
type Gate = (param: string, allowed: boolean, hint?: string) => boolean;

/**
 * OpenAI tools → Converse `toolConfig` (reference §4.10): `toolSpec` with the JSON Schema under
 * `inputSchema.json`; `tool_choice` auto/required/{function} → `{auto:{}}`/`{any:{}}`/`{tool}`.
 * Converse has **no `none`**: the faithful translation is to send no tools, which is only legal
 * while the history holds no tool blocks (Converse rejects those without toolConfig) — otherwise
 * `tool_choice: none` is refused or dropped. `strict` maps to Bedrock's strict tool use ⚠
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/structured-output.html; model support varies).
 */
export function convertToBedrockToolConfig(
  tools: readonly FunctionTool[] | null | undefined,
  toolChoice: ToolChoice | null | undefined,
  historyHasTools: boolean,
  gate: Gate,
): BedrockToolConfig | undefined {
  if (!tools || tools.length === 0) return undefined;
  if (toolChoice === 'none') {
    const omitTools = !historyHasTools;
    if (omitTools) return undefined;
    gate(
      'tool_choice',
      false,
      "Converse has no 'none' tool choice while the history holds tool calls",
    );
  }
  const config: BedrockToolConfig = {
    tools: tools.map((tool) => ({
      toolSpec: {
        name: tool.function.name,
        ...(tool.function.description === undefined
          ? {}
          : { description: tool.function.description }),
        // Converse requires a schema; an absent one means "no parameters" in OpenAI.
        inputSchema: { json: tool.function.parameters ?? { type: 'object', properties: {} } },
        ...(tool.function.strict === true ? { strict: true } : {}),
      },
    })),
  };
  if (toolChoice === 'auto') config.toolChoice = { auto: {} };
  else if (toolChoice === 'required') config.toolChoice = { any: {} };
  else if (typeof toolChoice === 'object' && toolChoice !== null) {
    config.toolChoice = { tool: { name: toolChoice.function.name } };
  }
  return config;
}

/**
 * `response_format: json_schema` → `outputConfig.textFormat` ⚠: Bedrock's native structured
 * output (GA 2026, not in the reference; field names from the AWS API reference
 * API_runtime_OutputFormat / JsonSchemaDefinition; model support varies). It keeps the answer in
 * the text channel, so responses and streams need no special handling — unlike the older
 * forced-tool workaround. The schema travels as a JSON *string*. `json_object` has no schema to
 * give it, so it is refused or dropped.
 */
export function convertToBedrockOutputConfig(
  format: ResponseFormat | null | undefined,
  gate: Gate,
): BedrockConverseRequest['outputConfig'] {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    gate('response_format', false, 'Converse structured output needs a schema: use json_schema');
    return undefined;
  }
  const { name, description, schema } = format.json_schema;
  if (
    !gate('response_format', schema !== undefined, 'json_schema.schema is required by Converse')
  ) {
    return undefined;
  }
  return {
    textFormat: {
      type: 'json_schema',
      structure: {
        jsonSchema: {
          schema: JSON.stringify(schema),
          name,
          ...(description === undefined ? {} : { description }),
        },
      },
    },
  };
}
