/** One GraphQL error as the API formats it. */
export interface ApiGraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: {
    code?: string;
    field?: string;
    issues?: Array<{ field: string; message: string }>;
  } & Record<string, unknown>;
}

export interface GraphqlResponse<Data = Record<string, unknown>> {
  status: number;
  data: Data | null;
  errors: ApiGraphqlError[] | undefined;
  /** The raw body text, for "no secret anywhere in the response" assertions. */
  text: string;
}

/** Talks to the control plane over real HTTP, as an admin client would. */
export class GraphqlClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  withToken(token: string | undefined): GraphqlClient {
    return new GraphqlClient(this.baseUrl, token);
  }

  async request<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlResponse<Data>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: Data | null; errors?: ApiGraphqlError[] };
    return { status: response.status, data: body.data ?? null, errors: body.errors, text };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Data> {
    const result = await this.request<Data>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL operation failed: ${JSON.stringify(result.errors ?? result.text)}`);
    }
    return result.data;
  }

  /** Runs an operation that must fail and returns its first error's code. */
  async errorCode(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<string | undefined> {
    const result = await this.request(query, variables);
    return result.errors?.[0]?.extensions?.code;
  }
}
