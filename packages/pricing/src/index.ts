export * from './price-types.js';
export * from './usd.js';
export * from './select-price.js';
export * from './compute-cost.js';
export * from './catalog-model.js';
export * from './catalog.js';
export * from './recost-request.js';
