// The reference the data-plane targets are set against: a bare Fastify + undici passthrough
// with no authentication, policy, usage events or metrics. The benchmark runs it on the gateway's
// core with the same load, so the table shows how much of the cost is the gateway's own work.
import Fastify from 'fastify';
import { Agent } from 'undici';

const upstream = process.env.UPSTREAM_ORIGIN;
const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
const app = Fastify({ logger: false });
app.post('/v1/chat/completions', async (request, reply) => {
  const response = await agent.request({
    origin: upstream,
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify({ ...request.body, model: 'gpt-4.1-nano' }),
  });
  const body = await response.body.json();
  return reply.status(response.statusCode).send(body);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
