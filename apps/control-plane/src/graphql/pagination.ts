import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { BadUserInputError } from './api-errors.js';

export const defaultPageSize = 20;
export const maxPageSize = 100;

@ObjectType({ description: 'Where a page ends and whether another follows.' })
export class PageInfo {
  @Field(() => String, {
    nullable: true,
    description: 'Opaque cursor of the last node; pass it as `after` to get the next page.',
  })
  endCursor!: string | null;

  @Field({ description: 'True when more nodes follow this page.' })
  hasNextPage!: boolean;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1–${maxPageSize} (default ${defaultPageSize}).`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return nodes after this cursor (a previous `pageInfo.endCursor`).',
  })
  after?: string | null;
}

/** A page of nodes: the shape every list query returns. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** Builds the `XConnection` GraphQL type for a node type. */
export function ConnectionType<T>(nodeType: Type<T>) {
  @ObjectType({ isAbstract: true })
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [nodeType], { description: 'The nodes of this page, in list order.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Cursor of this page and whether more follow.' })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

function encodeCursor(id: string): string {
  return Buffer.from(`c:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('c:') || text.length < 3) {
    throw BadUserInputError.field(
      'after',
      'is not a cursor returned by this API; pass pageInfo.endCursor',
    );
  }
  return text.slice(2);
}

/** Prisma `findMany` arguments for a page: one extra row tells whether another page follows. */
export function pageQuery(args: PageArgs): {
  take: number;
  skip?: number;
  cursor?: { id: string };
} {
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw BadUserInputError.field('first', `must be between 1 and ${maxPageSize}`);
  }
  if (!args.after) return { take: first + 1 };
  return { take: first + 1, skip: 1, cursor: { id: decodeCursor(args.after) } };
}

/** Turns the rows of `pageQuery` into a connection. */
export function toConnection<Row extends { id: string }, Node = Row>(
  rows: Row[],
  args: PageArgs,
  map: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const first = args.first ?? defaultPageSize;
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    nodes: page.map(map),
    pageInfo: { endCursor: last ? encodeCursor(last.id) : null, hasNextPage: rows.length > first },
  };
}

/** Newest first, with the id as a tiebreaker so cursors are stable. */
export const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
