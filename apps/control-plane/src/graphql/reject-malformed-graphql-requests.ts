import type { FastifyInstance } from 'fastify';

/**
 * Refuses POST /graphql bodies that are not a GraphQL request object before Mercurius sees them
 * (`{"query": 42}` would otherwise surface as an internal error deep inside graphql-js). The
 * answer is a GraphQL-shaped 400 with a BAD_USER_INPUT code.
 */
export function rejectMalformedGraphqlRequests(fastify: FastifyInstance, path = '/graphql'): void {
  // preValidation: before Mercurius's body schema coerces types (a numeric query became "42").
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.method !== 'POST' || request.url.split('?')[0] !== path) return done();
    const problem = describeProblem(request.body);
    if (!problem) return done();
    void reply
      .status(400)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        data: null,
        errors: [
          {
            message: `Malformed GraphQL request: ${problem}`,
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
  });
}

function describeProblem(body: unknown): string | undefined {
  const batch = Array.isArray(body) ? body : [body];
  if (batch.length === 0) return 'the body is an empty array';
  for (const item of batch) {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      return 'the body must be a JSON object with a "query" string';
    const { query, variables, operationName } = item as Record<string, unknown>;
    if (typeof query !== 'string' || query.length === 0)
      return '"query" must be a non-empty string';
    if (
      variables !== undefined &&
      variables !== null &&
      (typeof variables !== 'object' || Array.isArray(variables))
    )
      return '"variables" must be an object';
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return '"operationName" must be a string';
  }
  return undefined;
}
