import { registerEnumType } from '@nestjs/graphql';

/** What a usage report can be grouped by. */
export const UsageDimension = {
  TENANT: 'TENANT',
  API_KEY: 'API_KEY',
  USER: 'USER',
  MODEL: 'MODEL',
  PROVIDER: 'PROVIDER',
  TAG: 'TAG',
  DAY: 'DAY',
} as const;
export type UsageDimensionName = keyof typeof UsageDimension;
export const usageDimensionNames = Object.keys(UsageDimension) as UsageDimensionName[];

/** What top spenders can be ranked by (every dimension but DAY). */
export const SpenderDimension = {
  TENANT: 'TENANT',
  API_KEY: 'API_KEY',
  USER: 'USER',
  MODEL: 'MODEL',
  PROVIDER: 'PROVIDER',
  TAG: 'TAG',
} as const satisfies Partial<Record<UsageDimensionName, UsageDimensionName>>;
export type SpenderDimensionName = keyof typeof SpenderDimension;

const dimensionDescriptions = {
  TENANT: { description: 'The tenant.' },
  API_KEY: { description: 'The gateway API key (none = requests without a key).' },
  USER: { description: 'The end user (`user` field or x-switchyard-user header).' },
  MODEL: { description: 'The model that served the request, else the one requested.' },
  PROVIDER: { description: 'The provider type that served it (none = never reached one).' },
  TAG: {
    description:
      'A request tag; a request with several tags counts once under each, untagged ones under none.',
  },
  DAY: { description: 'Calendar day (YYYY-MM-DD) in the report’s time zone.' },
};

registerEnumType(UsageDimension, {
  name: 'UsageDimension',
  description: 'A dimension usage reports can be grouped by.',
  valuesMap: dimensionDescriptions,
});

registerEnumType(SpenderDimension, {
  name: 'SpenderDimension',
  description: 'What top spenders are ranked by.',
  valuesMap: {
    TENANT: dimensionDescriptions.TENANT,
    API_KEY: dimensionDescriptions.API_KEY,
    USER: dimensionDescriptions.USER,
    MODEL: dimensionDescriptions.MODEL,
    PROVIDER: dimensionDescriptions.PROVIDER,
    TAG: dimensionDescriptions.TAG,
  },
});
