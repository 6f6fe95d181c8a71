export {
  azureOpenAiAdapter,
  azureOpenAiProfile,
  defaultAzureApiVersion,
} from './azure-openai-adapter.js';
