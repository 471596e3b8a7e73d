import type { Category } from '@pishkhan/contracts';

/**
 * The admin forms' logic, kept pure so it is tested by itself: what a PATCH sends (only what
 * changed, at the version read), how lists typed as text become arrays, the category tree.
 */

/** The fields of `draft` that differ from `original` (arrays compared by value, order kept). */
export function changedFields<T extends object>(original: T, draft: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(draft) as (keyof T)[]) {
    const next = draft[key];
    if (next === undefined) continue;
    if (JSON.stringify(next) !== JSON.stringify(original[key])) out[key] = next;
  }
  return out;
}

/** A PATCH body: the version read plus what changed; null when nothing did (nothing to send). */
export function patchBody<T extends { version: number }>(original: T, draft: Partial<T>): (Partial<T> & { version: number }) | null {
  const changed = changedFields(original, draft);
  return Object.keys(changed).length === 0 ? null : { ...changed, version: original.version };
}

/** "a@x.ir, b@y.ir" or one per line → trimmed, non-empty, without repeats. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n,،;]+/)) {
    const value = part.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

/** Empty text is "no value" (null) for optional text fields. */
export function nullIfBlank(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

/** A port typed as text: an integer 1..65535, or null (blank or not a port). */
export function portOrNull(text: string | number): number | null {
  const n = typeof text === 'number' ? text : Number(String(text).trim());
  return Number.isInteger(n) && n >= 1 && n <= 65535 && String(text).trim() !== '' ? n : null;
}

/**
 * A write-only secret field: blank means "keep the stored one" (omitted), `clear` means remove it
 * (null), anything else is the new value.
 */
export function secretField(text: string, clear: boolean): string | null | undefined {
  if (clear) return null;
  return text === '' ? undefined : text;
}

export interface TreeRow { category: Category; depth: number }

/** The flat list (parents before children, siblings by position) with each row's depth. */
export function categoryTree(items: readonly Category[]): TreeRow[] {
  const byId = new Map(items.map((c) => [c.id, c]));
  const depthOf = (c: Category, seen = new Set<number>()): number => {
    if (c.parentId === null || seen.has(c.id)) return 0;
    const parent = byId.get(c.parentId);
    seen.add(c.id);
    return parent ? 1 + depthOf(parent, seen) : 0;
  };
  return items.map((category) => ({ category, depth: depthOf(category) }));
}

/** The ids a category may not be moved under: itself and every descendant (a cycle). */
export function forbiddenParents(items: readonly Category[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of items) {
      if (c.parentId !== null && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** An epoch day (the date pickers' value) as the UTC instant it starts at. */
export function dayStart(day: number): string {
  return new Date(day * 86_400_000).toISOString();
}
