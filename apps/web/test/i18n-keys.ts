import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Keys used by the source: `t('a.b')`, `t(\`a.${x}\`)` (a prefix), `<Trans i18nKey="a.b">`. */
export interface UsedKeys {
  exact: Set<string>;
  /** Template keys, up to their first `${`: some key of the locale must start with it. */
  prefixes: Set<string>;
}

const CALL = /\bt\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;
const TRANS = /<Trans\b[^>]*\bi18nKey=\s*(?:"([^"]+)"|'([^']+)'|\{\s*['"]([^'"]+)['"]\s*\})/g;

export function extractKeys(source: string, into: UsedKeys = { exact: new Set(), prefixes: new Set() }): UsedKeys {
  for (const match of source.matchAll(CALL)) {
    const [, quote, key = ''] = match;
    if (quote === '`' && key.includes('${')) into.prefixes.add(key.slice(0, key.indexOf('${')));
    else into.exact.add(key);
  }
  for (const match of source.matchAll(TRANS)) into.exact.add(match[1] ?? match[2] ?? match[3] ?? '');
  return into;
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Flattened keys of a nested locale object ("a.b.c"). */
export function flatKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** What a locale lacks: exact keys not in it, prefixes no key of it starts with. */
export function missingKeys(used: UsedKeys, locale: unknown): string[] {
  const keys = new Set(flatKeys(locale).map((k) => k.replace(/_(one|other|zero|two|few|many)$/, '')));
  const all = [...keys];
  return [...[...used.exact].filter((k) => !keys.has(k)), ...[...used.prefixes].filter((p) => !all.some((k) => k.startsWith(p))).map((p) => `${p}*`)].sort();
}

export function usedKeysOf(dir: string): UsedKeys {
  const used: UsedKeys = { exact: new Set(), prefixes: new Set() };
  for (const file of sourceFiles(dir)) extractKeys(readFileSync(file, 'utf8'), used);
  return used;
}
