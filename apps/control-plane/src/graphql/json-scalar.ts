import type { ValueNode } from 'graphql';
import { GraphQLScalarType, Kind } from './graphql-runtime.js';

function literalToValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalToValue);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalToValue(field.value)]),
      );
    default:
      // Variables inside JSON literals are not supported; pass the whole value as a variable.
      throw new TypeError(
        'JSON literals cannot contain variables; pass the whole value as a variable',
      );
  }
}

/** Arbitrary JSON (routing-policy documents, metadata, audit diffs); its schema is checked by zod. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description:
    'Any JSON value. Where it has a shape (e.g. a routing-policy document), the server validates it and reports bad paths as BAD_USER_INPUT.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => literalToValue(node),
});
