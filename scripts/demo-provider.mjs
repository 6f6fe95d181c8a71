// The built-in demo provider: an OpenAI-compatible server (the testkit's protocol-exact mock)
// that answers every chat request with a fixed greeting, so a fresh Switchyard answers without
// any real provider key. The gateway reaches it through the ordinary `demo` adapter: no special case.
import { startMockProvider } from '@switchyard/testkit';

const port = Number(process.env.DEMO_PROVIDER_PORT ?? 8079);
const host = process.env.DEMO_PROVIDER_HOST ?? '127.0.0.1';

const provider = await startMockProvider({
  dialects: ['openai'],
  port,
  host,
  models: ['demo-model'],
  scenario: {
    kind: 'text',
    text: "Hello from Switchyard's built-in demo provider! Your request went through the gateway: authenticated, routed and translated like any real provider call.",
    usage: { inputTokens: 12, outputTokens: 28 },
  },
});
console.log(`demo provider listening on ${provider.url}/v1`);

const stop = async () => {
  await provider.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
