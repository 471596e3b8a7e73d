import type { TicketFilter, TicketFilterCondition } from '@pishkhan/contracts';
import { phoneSearchToken, tokenize, type HighlightTerms } from '@pishkhan/text';
import type { TextQuery, TextTerm } from '../../platform/search/index.ts';
import { QueryParseError, type ParsedQuery, type QueryNode } from './query-language.ts';

/**
 * A parsed query compiled for the engine: the text part (tokens of packages/text, so every
 * spelling meets) and the ticket filter of its fields and numbers, in the filter language.
 * Pure but for the name look-ups of group:, assignee: and requester:, which the caller supplies.
 */

/** Name → ids look-ups (people's, and the contacts index for requester names). */
export interface QueryResolver {
  groupIds(name: string): Promise<number[]>;
  agentIds(name: string): Promise<number[]>;
  contactIds(nameOrEmail: string): Promise<number[]>;
}

export interface CompiledQuery {
  text: TextQuery;
  /** The conditions of the fields and numbers (all must hold); empty when the query has none. */
  conditions: TicketFilter[];
  /** Fields and numbers select tickets: contacts and organisations then do not match. */
  ticketsOnly: boolean;
}

export interface CompileOptions {
  statuses: readonly string[];
  types: readonly string[];
}

const LIST_MAX = 100;
const TAG_MAX = 50;

/** The text part alone (words, phrases, numbers as words): what the `text` filter field takes; fields are refused with their position. */
export function compileText(parsed: ParsedQuery, options: { allowFields: boolean } = { allowFields: false }): TextQuery {
  const must: TextTerm[] = [];
  const mustNot: TextTerm[] = [];
  const nodes = parsed.nodes;
  // Plain words typed next to each other are read together, as the index read the text: «نمی کند» is one word («نمیکند»).
  let run: string[] = [];
  const flush = () => {
    for (const token of tokenize(run.join(' '))) must.push({ alternatives: [[token]], prefix: false });
    run = [];
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind === 'field' || node.kind === 'number') {
      if (!options.allowFields && node.kind === 'field') throw new QueryParseError(node.at, `${node.field}: is a field; use the filter parameters here`);
      continue;
    }
    if (node.kind === 'word' && !node.negated && !node.prefix) {
      // A phone written in pieces («۰۹۱۲ ۳۴۵ ۶۷۸۹»): the longest run of plain words that is one phone number.
      const phone = phoneRun(nodes, i);
      if (phone) {
        flush();
        must.push({ alternatives: [[phone.token], ...(phone.end === i + 1 ? wordAlternatives(node.text) : [])], prefix: false });
        i = phone.end - 1;
      } else run.push(node.text);
      continue;
    }
    flush();
    const tokens = tokenize(node.text);
    if (tokens.length === 0) continue;
    const term: TextTerm = { alternatives: [tokens], prefix: node.kind === 'word' && node.prefix };
    (node.negated ? mustNot : must).push(term);
  }
  flush();
  return { must, mustNot };
}

function wordAlternatives(text: string): string[][] {
  const tokens = tokenize(text);
  return tokens.length ? [tokens] : [];
}

const PHONE_PIECE = /^[+0-9۰-۹٠-٩()\-]+$/u;

function phoneRun(nodes: readonly QueryNode[], from: number): { token: string; end: number } | null {
  const pieces: string[] = [];
  let best: { token: string; end: number } | null = null;
  for (let j = from; j < nodes.length && j < from + 6; j++) {
    const n = nodes[j]!;
    if (n.kind !== 'word' || n.negated || n.prefix || !PHONE_PIECE.test(n.text)) break;
    pieces.push(n.text);
    const token = phoneSearchToken(pieces.join(''));
    if (token !== null) best = { token, end: j + 1 };
  }
  return best;
}

/** The whole query: text part, and the fields and numbers as conditions of the filter language (names looked up). */
export async function compileQuery(parsed: ParsedQuery, resolver: QueryResolver, options: CompileOptions): Promise<CompiledQuery> {
  const text = compileText(parsed, { allowFields: true });
  const conditions: TicketFilter[] = [];
  const numbers: Array<{ value: number; negated: boolean }> = [];
  let ticketsOnly = false;
  for (const node of parsed.nodes) {
    if (node.kind === 'number') {
      numbers.push(node);
      ticketsOnly = true;
    }
    if (node.kind !== 'field') continue;
    ticketsOnly = true;
    const condition = await fieldCondition(node, resolver, options);
    conditions.push(node.negated ? { not: condition } : condition);
  }
  const wanted = numbers.filter((n) => !n.negated).map((n) => n.value);
  const unwanted = numbers.filter((n) => n.negated).map((n) => n.value);
  if (wanted.length) conditions.push({ field: 'number', op: 'in', value: [...new Set(wanted)].slice(0, LIST_MAX) });
  if (unwanted.length) conditions.push({ field: 'number', op: 'not_in', value: [...new Set(unwanted)].slice(0, LIST_MAX) });
  return { text, conditions, ticketsOnly };
}

async function fieldCondition(node: Extract<QueryNode, { kind: 'field' }>, resolver: QueryResolver, options: CompileOptions): Promise<TicketFilterCondition> {
  const value = node.value.trim();
  const valueAt = node.at + (node.negated ? 1 : 0) + node.field.length + 1;
  const id = /^[0-9]{1,15}$/.test(value) ? Number(value) : null;
  const ids = (list: number[]): TicketFilterCondition['value'] => [...new Set(list)].slice(0, LIST_MAX);
  switch (node.field) {
    case 'status':
    case 'type': {
      const allowed = node.field === 'status' ? options.statuses : options.types;
      const v = value.toLowerCase();
      if (!allowed.includes(v)) throw new QueryParseError(valueAt, `${node.field}: takes one of ${allowed.join(', ')}`);
      return { field: node.field, op: 'eq', value: v };
    }
    case 'tag':
      if (value.length > TAG_MAX) throw new QueryParseError(valueAt, `tag: takes at most ${TAG_MAX} characters`);
      return { field: 'tag', op: 'eq', value };
    case 'group':
      if (value === '@my_groups') return { field: 'group', op: 'in', value: '@my_groups' };
      if (value === 'none') return { field: 'group', op: 'is_null' };
      return { field: 'group', op: 'in', value: id !== null && id >= 1 ? [id] : ids(await resolver.groupIds(value)) };
    case 'assignee':
      if (value === '@me') return { field: 'assignee', op: 'eq', value: '@me' };
      if (value === 'none') return { field: 'assignee', op: 'is_null' };
      return { field: 'assignee', op: 'in', value: id !== null && id >= 1 ? [id] : ids(await resolver.agentIds(value)) };
    case 'requester':
      if (value === '@me') return { field: 'requester', op: 'eq', value: '@me' };
      return { field: 'requester', op: 'in', value: id !== null && id >= 1 ? [id] : ids(await resolver.contactIds(value)) };
  }
}

/** What to highlight in the original text: every token the query looks for (alternatives too), and its prefixes. */
export function highlightTermsOf(text: TextQuery): HighlightTerms {
  const tokens = new Set<string>();
  const prefixes: string[] = [];
  for (const term of text.must) {
    for (const alt of term.alternatives) {
      alt.forEach((t, i) => (term.prefix && i === alt.length - 1 ? prefixes.push(t) : tokens.add(t)));
    }
  }
  return { tokens, prefixes };
}
