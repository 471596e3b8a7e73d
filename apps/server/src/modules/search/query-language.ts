/**
 * The search query language (pure; no I/O), as agents of Zendesk and Zammad expect it:
 *
 *   words            every word must match (in any field the reader may search)
 *   "a phrase"       the words in this order
 *   -word -"phrase"  must not match
 *   word*            a prefix
 *   field:value      status: type: group: assignee: requester: tag: (value may be "quoted"); -field:value negates
 *   #10234           the ticket number (digits in any script; «#vpn» is a word)
 *
 * Items are separated by whitespace. Anything else is a parse error with the offset where it
 * went wrong — a query never fails otherwise. `formatQuery` writes a parsed query back so that
 * parsing it again gives the same nodes (the property tests hold both to that).
 */
import { parseTicketNumber } from '@pishkhan/text';

export const QUERY_FIELDS = ['status', 'type', 'group', 'assignee', 'requester', 'tag'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export type QueryNode =
  | { kind: 'word'; text: string; prefix: boolean; negated: boolean; at: number }
  | { kind: 'phrase'; text: string; negated: boolean; at: number }
  | { kind: 'field'; field: QueryField; value: string; negated: boolean; at: number }
  | { kind: 'number'; value: number; negated: boolean; at: number };

export interface ParsedQuery {
  nodes: QueryNode[];
}

/** Why and where (UTF-16 offset into the query) a query could not be read. */
export class QueryParseError extends Error {
  override name = 'QueryParseError';
  readonly position: number;
  readonly reason: string;
  constructor(position: number, reason: string) {
    super(`${reason} at ${position}`);
    this.position = position;
    this.reason = reason;
  }
}

const SPACE = /\s/;
const MAX_NODES = 50;

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

/** Parses a query; throws only QueryParseError. */
export function parseQuery(input: string): ParsedQuery {
  const nodes: QueryNode[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    const at = i;
    let negated = false;
    if (input[i] === '-') {
      negated = true;
      i++;
      if (i >= n || isSpace(input[i])) throw new QueryParseError(at, 'a minus must stand right before a word, phrase or field');
      if (input[i] === '-') throw new QueryParseError(i, 'a second minus');
    }
    if (input[i] === '"') {
      const { text, end } = quoted(input, i);
      if (end < n && !isSpace(input[end])) throw new QueryParseError(end, 'a phrase must end before a space');
      if (text.trim() === '') throw new QueryParseError(i, 'an empty phrase');
      nodes.push({ kind: 'phrase', text, negated, at });
      i = end;
    } else {
      let end = i;
      while (end < n && !isSpace(input[end]) && input[end] !== '"') end++;
      const item = input.slice(i, end);
      const colon = item.indexOf(':');
      const field = colon > 0 ? (item.slice(0, colon).toLowerCase() as QueryField) : undefined;
      if (field !== undefined && (QUERY_FIELDS as readonly string[]).includes(field)) {
        const valueAt = i + colon + 1;
        let value: string;
        if (input[valueAt] === '"' && end === valueAt) {
          const q = quoted(input, valueAt);
          if (q.end < n && !isSpace(input[q.end])) throw new QueryParseError(q.end, 'a quoted value must end before a space');
          value = q.text;
          end = q.end;
        } else {
          if (end < n && input[end] === '"') throw new QueryParseError(end, 'a quote inside a value');
          value = input.slice(valueAt, end);
        }
        if (value.trim() === '') throw new QueryParseError(valueAt, `${field}: needs a value`);
        nodes.push({ kind: 'field', field, value, negated, at });
      } else {
        if (end < n && input[end] === '"') throw new QueryParseError(end, 'a quote inside a word');
        const number = item.startsWith('#') ? parseTicketNumber(item) : null;
        if (number !== null) {
          nodes.push({ kind: 'number', value: number, negated, at });
        } else {
          const star = item.indexOf('*');
          if (star >= 0 && star !== item.length - 1) throw new QueryParseError(i + star, 'a star may only end a word');
          const prefix = star === item.length - 1;
          const text = prefix ? item.slice(0, -1) : item;
          if (text === '') throw new QueryParseError(i, 'a star needs a word before it');
          nodes.push({ kind: 'word', text, prefix, negated, at });
        }
      }
      i = end;
    }
    if (nodes.length > MAX_NODES) throw new QueryParseError(at, `more than ${MAX_NODES} items`);
  }
  return { nodes };
}

function quoted(input: string, open: number): { text: string; end: number } {
  const close = input.indexOf('"', open + 1);
  if (close < 0) throw new QueryParseError(open, 'a quote is not closed');
  return { text: input.slice(open + 1, close), end: close + 1 };
}

/** Writes nodes back as a query that parses to the same nodes (positions aside). */
export function formatQuery(query: ParsedQuery): string {
  return query.nodes
    .map((node) => {
      const minus = node.negated ? '-' : '';
      switch (node.kind) {
        case 'word':
          return `${minus}${node.text}${node.prefix ? '*' : ''}`;
        case 'phrase':
          return `${minus}"${node.text}"`;
        case 'field':
          return `${minus}${node.field}:${/[\s"]/.test(node.value) || node.value.startsWith('"') ? `"${node.value}"` : node.value}`;
        case 'number':
          return `${minus}#${node.value}`;
      }
    })
    .join(' ');
}
