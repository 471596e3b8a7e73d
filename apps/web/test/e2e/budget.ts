import { gzipSync } from 'node:zlib';

/** Gzip budgets of the JavaScript fetched to show each entry's first screen (bytes). */
export const BUDGETS = { portal: 150 * 1024, workspace: 350 * 1024 } as const;

export interface Fetched {
  url: string;
  body: Buffer;
}

/** The gzip size of every distinct script fetched, and whether it is over the limit. */
export function measure(scripts: Fetched[], limit: number): { bytes: number; over: boolean; files: { url: string; gzip: number }[] } {
  const seen = new Map<string, number>();
  for (const s of scripts) if (!seen.has(s.url)) seen.set(s.url, gzipSync(s.body, { level: 9 }).length);
  const files = [...seen].map(([url, gzip]) => ({ url, gzip }));
  const bytes = files.reduce((sum, f) => sum + f.gzip, 0);
  return { bytes, over: bytes > limit, files };
}
