// A minimal OpenAI-compatible upstream for the benchmark: replays the recorded openai-text
// response (and its recorded stream) with no per-request bookkeeping, so that what the
// benchmark measures is the gateway, not the mock. Runs in its own process.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const fixtures = new URL('../../packages/testkit/fixtures/recorded/', import.meta.url);
const body = readFileSync(new URL('openai-text.json', fixtures), 'utf8');
const chunkLines = readFileSync(new URL('openai-text.chunks.txt', fixtures), 'utf8')
  .split('\n')
  .filter(Boolean);
// The recording ends with a usage chunk; send it like OpenAI does when include_usage is set.
const streamBody = chunkLines.map((line) => `data: ${line}\n\n`).join('') + 'data: [DONE]\n\n';
const bodyBuffer = Buffer.from(body);
const streamFirst = Buffer.from(`data: ${chunkLines[0]}\n\n`);
const streamRest = Buffer.from(streamBody.slice(streamFirst.length));

const server = createServer({ keepAlive: true }, (request, response) => {
  let raw = '';
  request.setEncoding('utf8');
  request.on('data', (data) => (raw += data));
  request.on('end', () => {
    if (request.url !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        '{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}}',
      );
      return;
    }
    if (raw.includes('"stream":true')) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(streamFirst);
      setImmediate(() => response.end(streamRest));
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': bodyBuffer.length,
    });
    response.end(bodyBuffer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
