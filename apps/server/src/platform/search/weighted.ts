import type { SearchHit, WeightedTokens } from './types.ts';

/** The documents (record id, updated_at) of one token within the request's scope, at most `cap`. */
export type Holding = (token: string, cap: number) => Promise<Array<{ id: number; updatedAt: number }>>;

/** How many holders of one token are read at most: a token held by more says little about similarity. */
export const HOLDERS_CAP = 5_000;

/**
 * Scores documents by the weights of the tokens they hold (both drivers): one scoped, capped
 * read per token, summed here. Best first, recent first on equal score.
 */
export async function weightedHits(holding: Holding, request: WeightedTokens): Promise<SearchHit[]> {
  const scores = new Map<number, { score: number; updatedAt: number }>();
  for (const { token, weight } of request.tokens) {
    for (const d of await holding(token, HOLDERS_CAP)) {
      const s = scores.get(d.id);
      if (s) s.score += weight;
      else scores.set(d.id, { score: weight, updatedAt: d.updatedAt });
    }
  }
  return [...scores]
    .map(([id, s]) => ({ kind: request.kind, id, score: s.score, updatedAt: s.updatedAt }))
    .sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt || b.id - a.id)
    .slice(0, request.limit);
}
