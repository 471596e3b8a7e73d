export type { SearchDocument, SearchHit, SearchIndex, SearchKind, SearchRequest, SearchScope, TextQuery, TextTerm, WeightedTokens } from './types.ts';
export { RANK_WINDOW, rankWindow, SEARCH_KINDS } from './types.ts';
export { searchIndexFor, createDialectSearchSchema, createDialectKindIndexes, dropDialectKindIndexes } from './drivers/index.ts';
export { trigrams } from './document-text.ts';
export { insertRebuild, advanceRebuild, findRebuild, latestRebuild, type Rebuild } from './rebuilds.ts';
