export { geminiAdapter, geminiCapabilities } from './gemini-adapter.js';
export { convertToGeminiRequest, buildGeminiUrl } from './convert-to-gemini-request.js';
export { convertGeminiResponse } from './convert-gemini-response.js';
export { createGeminiStreamConverter } from './convert-gemini-stream.js';
export { convertGeminiUsage } from './convert-gemini-usage.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
export { mapGeminiError } from './gemini-error.js';
export { convertToGeminiEmbeddingsRequest } from './convert-to-gemini-embeddings.js';
export { convertGeminiEmbeddingsResponse } from './convert-gemini-embeddings.js';
