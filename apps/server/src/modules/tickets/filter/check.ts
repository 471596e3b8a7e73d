import { TICKET_FILTER_LIMITS, TICKET_FILTER_OPS, TICKET_FILTER_UNITS, type TicketFilter, type TicketFilterOp } from '@pishkhan/contracts';
import type { DomainError } from '../../../platform/http/errors.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';
import type { TicketFilterField, TicketFilterFields } from './fields.ts';

/**
 * Checks that a value is a filter of the language and that each condition's field, operator and
 * value agree (the schema alone cannot: which operators and values a field takes is the field
 * table's). The first problem is a 400 request.invalid whose details.field is the path to it,
 * e.g. `filter.all[1].op`. Returns the value, typed.
 */
export function checkTicketFilter(value: unknown, fields: TicketFilterFields, path = 'filter'): TicketFilter {
  const counter = { conditions: 0 };
  checkNode(value, fields, path, 1, counter);
  return value as TicketFilter;
}

/** Parses the JSON of the list's `filter` parameter and checks it; bad JSON is a 400 too. */
export function parseTicketFilter(json: string, fields: TicketFilterFields, path = 'filter'): TicketFilter {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw filterInvalid(path, 'filter_json');
  }
  return checkTicketFilter(value, fields, path);
}

/**
 * A 400 request.invalid naming where in the filter the problem is: an issue keyword (a JSON-schema
 * one, or a filter_… one of filter/messages.ts) and its parameters, told in the reader's language.
 */
export function filterInvalid(path: string, keyword: string, params: Record<string, unknown> = {}): DomainError {
  return invalidInput(path, keyword, params);
}

const OPS: readonly string[] = TICKET_FILTER_OPS;
const UNITS: readonly string[] = TICKET_FILTER_UNITS;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkNode(node: unknown, fields: TicketFilterFields, path: string, depth: number, counter: { conditions: number }): void {
  if (depth > TICKET_FILTER_LIMITS.depth) throw filterInvalid(path, 'filter_depth', { limit: TICKET_FILTER_LIMITS.depth });
  if (!isObject(node)) throw filterInvalid(path, 'type', { type: 'object' });
  const keys = Object.keys(node);
  const group = keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any') ? keys[0] : undefined;
  if (group) {
    const items = node[group];
    if (!Array.isArray(items)) throw filterInvalid(`${path}.${group}`, 'type', { type: 'array' });
    if (items.length > TICKET_FILTER_LIMITS.conditions) throw filterInvalid(`${path}.${group}`, 'maxItems', { limit: TICKET_FILTER_LIMITS.conditions });
    items.forEach((item, i) => checkNode(item, fields, `${path}.${group}[${i}]`, depth + 1, counter));
    return;
  }
  if (keys.length === 1 && keys[0] === 'not') {
    checkNode(node.not, fields, `${path}.not`, depth + 1, counter);
    return;
  }
  const extra = keys.find((k) => k !== 'field' && k !== 'op' && k !== 'value');
  if (extra !== undefined) throw filterInvalid(`${path}.${extra}`, 'filter_shape');
  counter.conditions += 1;
  if (counter.conditions > TICKET_FILTER_LIMITS.conditions) throw filterInvalid(path, 'filter_conditions', { limit: TICKET_FILTER_LIMITS.conditions });
  checkCondition(node, fields, path);
}

function checkCondition(node: Record<string, unknown>, fields: TicketFilterFields, path: string): void {
  const name = node.field;
  if (typeof name !== 'string') throw filterInvalid(`${path}.field`, 'required');
  const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (!field) throw filterInvalid(`${path}.field`, 'enum', { allowedValues: Object.keys(fields) });
  const op = node.op;
  if (typeof op !== 'string' || !OPS.includes(op)) throw filterInvalid(`${path}.op`, 'enum', { allowedValues: OPS });
  if (!field.ops.includes(op as TicketFilterOp)) throw filterInvalid(`${path}.op`, 'filter_op_of_field', { name, allowedValues: field.ops });
  const valuePath = `${path}.value`;
  const has = Object.hasOwn(node, 'value');
  if (op === 'is_null' || op === 'is_not_null') {
    if (has) throw filterInvalid(valuePath, 'filter_no_value', { op });
    return;
  }
  if (!has) throw filterInvalid(valuePath, 'required');
  checkValue(field, op as TicketFilterOp, node.value, valuePath);
}

function checkValue(field: TicketFilterField, op: TicketFilterOp, value: unknown, path: string): void {
  switch (op) {
    case 'in':
    case 'not_in':
      if (value === '@my_groups' && field.myGroups) return;
      if (!Array.isArray(value)) throw filterInvalid(path, field.myGroups ? 'filter_list_or_reference' : 'type', field.myGroups ? { reference: '@my_groups' } : { type: 'array' });
      if (value.length > TICKET_FILTER_LIMITS.listItems) throw filterInvalid(path, 'maxItems', { limit: TICKET_FILTER_LIMITS.listItems });
      value.forEach((item, i) => checkScalar(field, item, `${path}[${i}]`));
      return;
    case 'eq':
    case 'neq':
      return checkScalar(field, value, path);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (field.kind === 'time') {
        if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) throw filterInvalid(path, 'format', { format: 'date-time' });
        return;
      }
      return checkScalar(field, value, path);
    case 'contains':
      if (typeof value !== 'string' || value.trim() === '' || value.length > TICKET_FILTER_LIMITS.text) {
        throw filterInvalid(path, 'filter_text', { max: TICKET_FILTER_LIMITS.text });
      }
      return;
    case 'older_than':
    case 'newer_than':
    case 'sooner_than':
    case 'later_than': {
      const ok =
        isObject(value) &&
        Object.keys(value).every((k) => k === 'amount' || k === 'unit') &&
        Number.isSafeInteger(value.amount) &&
        (value.amount as number) >= 1 &&
        (value.amount as number) <= 1_000_000 &&
        typeof value.unit === 'string' &&
        UNITS.includes(value.unit);
      if (!ok) throw filterInvalid(path, 'filter_relative_time', { min: 1, max: 1_000_000, allowedValues: UNITS });
      return;
    }
    case 'is_null':
    case 'is_not_null':
      return;
  }
}

/** One value of the field's kind (also each item of an in-list). */
function checkScalar(field: TicketFilterField, value: unknown, path: string): void {
  switch (field.kind) {
    case 'enum':
      if (typeof value !== 'string' || !field.values!.includes(value)) throw filterInvalid(path, 'enum', { allowedValues: field.values! });
      return;
    case 'integer':
      if (!Number.isSafeInteger(value) || (value as number) < field.min! || (value as number) > field.max!) {
        throw filterInvalid(path, 'filter_integer', { min: field.min, max: field.max });
      }
      return;
    case 'id':
      if (value === '@me' && field.me) return;
      if (!Number.isSafeInteger(value) || (value as number) < 1) throw filterInvalid(path, field.me ? 'filter_id_or_reference' : 'filter_id', field.me ? { reference: '@me' } : {});
      return;
    case 'tag':
      if (typeof value !== 'string' || value.trim() === '' || value.length > 50) throw filterInvalid(path, 'filter_text', { max: 50 });
      return;
    case 'presence':
      if (typeof value !== 'boolean') throw filterInvalid(path, 'type', { type: 'boolean' });
      return;
    case 'time':
    case 'text':
    case 'custom':
      throw filterInvalid(path, 'filter_not_comparable');
  }
}
