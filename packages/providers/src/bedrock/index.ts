export { bedrockAdapter, bedrockCapabilities } from './bedrock-adapter.js';
export { convertToBedrockRequest, buildBedrockUrl } from './convert-to-bedrock-request.js';
export { convertBedrockResponse } from './convert-bedrock-response.js';
export { createBedrockStreamConverter } from './convert-bedrock-stream.js';
export { convertBedrockUsage } from './convert-bedrock-usage.js';
export { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
export { mapBedrockError, mapBedrockStreamException } from './bedrock-error.js';
export { signAwsRequest, type AwsCredentials, type AwsSigningInput } from './sign-aws-request.js';
export {
  AwsEventStreamDecoder,
  AwsEventStreamError,
  type EventStreamMessage,
  type EventStreamHeaderValue,
} from './decode-aws-eventstream.js';
