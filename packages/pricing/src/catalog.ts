import type { CatalogModel } from './catalog-model.js';
import { anthropicModels } from './catalog-anthropic.js';
import { googleModels } from './catalog-google.js';
import {
  bedrockModels,
  deepSeekModels,
  demoModels,
  groqModels,
  mistralModels,
  xAiModels,
} from './catalog-open-models.js';
import { openAiModels } from './catalog-openai.js';

/**
 * The model catalog seed (provider-wire-formats.md §6, checked 2026-08): the control plane seeds
 * its Model, ModelPrice and global ModelAlias tables from it, and tests price requests with it.
 * Canonical ids and aliases are unique across the whole catalog.
 */
export const modelCatalog: readonly CatalogModel[] = Object.freeze([
  ...openAiModels,
  ...anthropicModels,
  ...googleModels,
  ...mistralModels,
  ...deepSeekModels,
  ...groqModels,
  ...xAiModels,
  ...bedrockModels,
  ...demoModels,
]);

/** `providerType/canonicalId`, e.g. `demo/demo-model`: the catalog's unique key. */
export function catalogKey(model: Pick<CatalogModel, 'providerType' | 'canonicalId'>): string {
  return `${model.providerType}/${model.canonicalId}`;
}

const byKey = new Map<string, CatalogModel>();
const globalNames = new Map<string, string>();
for (const model of modelCatalog) {
  // Canonical ids and aliases are unique across providers, as Model.canonicalId and global
  // ModelAlias rows are in the database; a duplicate would fail the seed, so fail at import.
  for (const name of [model.canonicalId, ...model.aliases]) {
    const owner = globalNames.get(name);
    if (owner) throw new Error(`catalog name ${name} used by ${owner} and ${catalogKey(model)}`);
    globalNames.set(name, catalogKey(model));
  }
  const names = new Set([model.canonicalId, ...model.aliases, model.providerModelId]);
  for (const name of names) {
    const key = `${model.providerType}/${name}`;
    if (byKey.has(key)) throw new Error(`duplicate catalog name ${key}`);
    byKey.set(key, model);
  }
}

/** Looks a model up by provider type and canonical id, alias or provider model id. */
export function findCatalogModel(providerType: string, name: string): CatalogModel | undefined {
  return byKey.get(`${providerType}/${name}`);
}
