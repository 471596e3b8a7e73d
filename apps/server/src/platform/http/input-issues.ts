import { CommonErrors, DomainError, defineFormatter, defineTerms, renderTemplate, term, type Message } from './errors.ts';
import type { Language } from './language.ts';

/**
 * Bad input, told in the reader's language. A `request.invalid` carries `details.issues`: one
 * `InputIssue` per problem, naming the field (`tags[2]`, `filter.all[0].op`), the rule it broke
 * (a JSON-schema keyword such as `required` or `maxLength`, or one of ours such as `cursor`) and
 * the rule's parameters (`limit`, `allowedValues`). The message is rendered from these per
 * language at the edge, so neither language carries the other's words.
 */
export interface InputIssue {
  /** Where the field is: body, query, params, headers (absent when a command found it). */
  in?: string;
  /** The field's path as the API names it; '' for the part as a whole. */
  field: string;
  keyword: string;
  params: Record<string, unknown>;
}

const issueMessages = new Map<string, Message>();

/**
 * Declares the message of an issue keyword in fa and en. `{field}` is the field's name; the
 * rule's parameters fill the other placeholders (`{limit}`, `{allowed:values}`, `{type:types}`).
 */
export function defineIssueMessages<K extends string>(entries: Record<K, Message>): { [P in K]: P } {
  const keys = {} as { [P in K]: P };
  for (const [keyword, message] of Object.entries(entries) as Array<[K, Message]>) {
    issueMessages.set(keyword, message);
    keys[keyword] = keyword;
  }
  return keys;
}

/** Every issue keyword with its messages (the i18n sweep renders them all). */
export function issueMessageDefinitions(): ReadonlyMap<string, Message> {
  return issueMessages;
}

/** A 400 request.invalid for one field a command or query found wrong. */
export function invalidInput(field: string, keyword: string, params: Record<string, unknown> = {}): DomainError {
  return invalidIssues([{ field, keyword, params }]);
}

export function invalidIssues(issues: InputIssue[]): DomainError {
  return new DomainError(CommonErrors['request.invalid'], { field: issues[0]?.field ?? '', issues });
}

defineTerms('request_part', {
  body: { fa: 'بدنه درخواست', en: 'the request body' },
  query: { fa: 'پرس‌وجوی نشانی', en: 'the query string' },
  querystring: { fa: 'پرس‌وجوی نشانی', en: 'the query string' },
  params: { fa: 'پارامترهای مسیر', en: 'the path parameters' },
  headers: { fa: 'سرآیندهای درخواست', en: 'the request headers' },
  request: { fa: 'درخواست', en: 'the request' },
});

defineTerms('json_type', {
  string: { fa: 'متن', en: 'a text' },
  integer: { fa: 'عدد صحیح', en: 'an integer' },
  number: { fa: 'عدد', en: 'a number' },
  boolean: { fa: 'درست یا نادرست', en: 'true or false' },
  object: { fa: 'شیء', en: 'an object' },
  array: { fa: 'فهرست', en: 'a list' },
  null: { fa: 'تهی', en: 'null' },
});

defineTerms('format', {
  email: { fa: 'نشانی ایمیل', en: 'an email address' },
  'date-time': { fa: 'زمانی به قالب ایزو ۸۶۰۱', en: 'an ISO-8601 date and time' },
  date: { fa: 'تاریخی به قالب ایزو ۸۶۰۱', en: 'an ISO-8601 date' },
  time: { fa: 'ساعتی به قالب ایزو ۸۶۰۱', en: 'an ISO-8601 time' },
  uri: { fa: 'نشانی اینترنتی', en: 'a URI' },
  'iso-date-time': { fa: 'زمانی به قالب ایزو ۸۶۰۱', en: 'an ISO-8601 date and time' },
  'iso-time': { fa: 'ساعتی به قالب ایزو ۸۶۰۱', en: 'an ISO-8601 time' },
  duration: { fa: 'مدتی به قالب ایزو ۸۶۰۱', en: 'an ISO-8601 duration' },
  'uri-reference': { fa: 'نشانی یا بخشی از نشانی اینترنتی', en: 'a URI reference' },
  'uri-template': { fa: 'الگوی نشانی اینترنتی', en: 'a URI template' },
  url: { fa: 'نشانی اینترنتی', en: 'a URL' },
  hostname: { fa: 'نام میزبان', en: 'a host name' },
  uuid: { fa: 'شناسه یکتای جهانی', en: 'a UUID' },
  ipv4: { fa: 'نشانی آی‌پی نسخه ۴', en: 'an IPv4 address' },
  ipv6: { fa: 'نشانی آی‌پی نسخه ۶', en: 'an IPv6 address' },
  regex: { fa: 'عبارت باقاعده', en: 'a regular expression' },
  'json-pointer': { fa: 'اشاره‌گر جی‌سان', en: 'a JSON pointer' },
  'json-pointer-uri-fragment': { fa: 'اشاره‌گر جی‌سان در پاره نشانی', en: 'a JSON pointer URI fragment' },
  'relative-json-pointer': { fa: 'اشاره‌گر نسبی جی‌سان', en: 'a relative JSON pointer' },
  byte: { fa: 'داده‌ای در مبنای ۶۴', en: 'base64 data' },
  int32: { fa: 'عدد صحیح ۳۲ بیتی', en: 'a 32-bit integer' },
  int64: { fa: 'عدد صحیح ۶۴ بیتی', en: 'a 64-bit integer' },
  float: { fa: 'عدد اعشاری', en: 'a floating-point number' },
  double: { fa: 'عدد اعشاری با دقت دوبرابر', en: 'a double-precision number' },
  password: { fa: 'گذرواژه', en: 'a password' },
  binary: { fa: 'داده دودویی', en: 'binary data' },
});

defineTerms('comparison', {
  '>=': { fa: 'دست‌کم', en: 'at least' },
  '<=': { fa: 'حداکثر', en: 'at most' },
  '>': { fa: 'بیشتر از', en: 'more than' },
  '<': { fa: 'کمتر از', en: 'less than' },
});

const SEPARATOR: Record<Language, string> = { fa: '، ', en: ', ' };
const OR: Record<Language, string> = { fa: ' یا ', en: ' or ' };

/** A list of allowed values as they are written in the API (interpolated values). */
defineFormatter('values', (value, lang) =>
  (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(SEPARATOR[lang]),
);
/** JSON types ("string,null" or a list), each named in the language. */
defineFormatter('types', (value, lang) =>
  (Array.isArray(value) ? value : String(value).split(','))
    .map((t) => term('json_type', String(t).trim(), lang))
    .join(OR[lang]),
);
/** The issues of a request.invalid, each a sentence in the language. */
defineFormatter('issues', (value, lang) => {
  const issues = Array.isArray(value) ? (value as InputIssue[]) : [];
  return issues.map((issue) => renderIssue(issue, lang)).join(lang === 'fa' ? '؛ ' : '; ');
});

export function renderIssue(issue: InputIssue, lang: Language): string {
  const template = issueMessages.get(issue.keyword) ?? issueMessages.get('invalid')!;
  const field = issue.field === '' ? term('request_part', issue.in ?? 'request', lang) : issue.field;
  return renderTemplate(template[lang], lang, { ...issue.params, field });
}

// The JSON-schema keywords (Ajv's error kinds) and the generic rules of the platform.
defineIssueMessages({
  invalid: { fa: '«{field}» نامعتبر است', en: '"{field}" is not valid' },
  required: { fa: '«{field}» لازم است و نیامده', en: '"{field}" is required' },
  additionalProperties: { fa: '«{field}» شناخته نیست و پذیرفته نمی‌شود', en: '"{field}" is not a known field' },
  type: { fa: '«{field}» باید {type:types} باشد', en: '"{field}" must be {type:types}' },
  enum: { fa: '«{field}» باید یکی از این‌ها باشد: {allowedValues:values}', en: '"{field}" must be one of: {allowedValues:values}' },
  const: { fa: '«{field}» باید {allowedValue:values} باشد', en: '"{field}" must be {allowedValue:values}' },
  anyOf: { fa: '«{field}» با هیچ‌یک از شکل‌های پذیرفته جور نیست', en: '"{field}" matches none of the accepted forms' },
  oneOf: { fa: '«{field}» باید درست با یکی از شکل‌های پذیرفته جور باشد', en: '"{field}" must match exactly one of the accepted forms' },
  not: { fa: 'این مقدار برای «{field}» پذیرفته نیست', en: 'this value is not accepted for "{field}"' },
  minLength: { fa: '«{field}» باید دست‌کم {limit} نویسه باشد', en: '"{field}" must have at least {limit} characters' },
  maxLength: { fa: '«{field}» باید حداکثر {limit} نویسه باشد', en: '"{field}" must have at most {limit} characters' },
  minimum: { fa: '«{field}» باید {comparison:comparison} {limit} باشد', en: '"{field}" must be {comparison:comparison} {limit}' },
  maximum: { fa: '«{field}» باید {comparison:comparison} {limit} باشد', en: '"{field}" must be {comparison:comparison} {limit}' },
  exclusiveMinimum: { fa: '«{field}» باید {comparison:comparison} {limit} باشد', en: '"{field}" must be {comparison:comparison} {limit}' },
  exclusiveMaximum: { fa: '«{field}» باید {comparison:comparison} {limit} باشد', en: '"{field}" must be {comparison:comparison} {limit}' },
  multipleOf: { fa: '«{field}» باید مضربی از {multipleOf} باشد', en: '"{field}" must be a multiple of {multipleOf}' },
  pattern: { fa: '«{field}» شکل پذیرفته را ندارد', en: '"{field}" does not have the accepted form' },
  blank: { fa: '«{field}» باید متنی جز فاصله داشته باشد', en: '"{field}" must hold text, not only spaces' },
  format: { fa: '«{field}» باید {format:format} باشد', en: '"{field}" must be {format:format}' },
  minItems: { fa: '«{field}» باید دست‌کم {limit} مورد داشته باشد', en: '"{field}" must have at least {limit} items' },
  maxItems: { fa: '«{field}» باید حداکثر {limit} مورد داشته باشد', en: '"{field}" must have at most {limit} items' },
  uniqueItems: { fa: 'موردهای «{field}» نباید تکراری باشند', en: 'the items of "{field}" must not repeat' },
  contains: { fa: '«{field}» مورد لازم را ندارد', en: '"{field}" lacks a required item' },
  minProperties: { fa: '«{field}» باید دست‌کم {limit} فیلد داشته باشد', en: '"{field}" must have at least {limit} fields' },
  maxProperties: { fa: '«{field}» باید حداکثر {limit} فیلد داشته باشد', en: '"{field}" must have at most {limit} fields' },
  dependentRequired: { fa: '«{field}» بدون «{missingProperty}» نمی‌آید', en: '"{field}" needs "{missingProperty}" as well' },
  propertyNames: { fa: 'نام فیلد «{field}» پذیرفته نیست', en: 'the field name "{field}" is not accepted' },
  if: { fa: '«{field}» با شرط وابسته‌اش جور نیست', en: '"{field}" does not meet the condition that applies to it' },
  items: { fa: '«{field}» باید حداکثر {limit} مورد داشته باشد', en: '"{field}" must have at most {limit} items' },
  additionalItems: { fa: '«{field}» باید حداکثر {limit} مورد داشته باشد', en: '"{field}" must have at most {limit} items' },
  'false schema': { fa: '«{field}» پذیرفته نیست', en: '"{field}" is not accepted' },
  cursor: { fa: '«{field}» نشانگر صفحه‌ای نیست که این فهرست داده باشد', en: '"{field}" is not a page cursor this list gave out' },
  not_a_time: { fa: '«{field}» زمان نیست', en: '"{field}" is not a time' },
  length_between: { fa: '«{field}» باید {min} تا {max} نویسه باشد', en: '"{field}" must have {min} to {max} characters' },
  unparsed: { fa: '{field} خوانده نشد', en: '{field} could not be read' },
});

// ---- Ajv's errors → issues ----

interface AjvError {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  /** With `verbose`: the keyword's schema value, its parent schema and the data. */
  schema?: unknown;
  parentSchema?: unknown;
  data?: unknown;
}

/** `/filter/all/0/op` → `filter.all[0].op` (JSON pointer to the API's way of naming a field). */
export function fieldPath(pointer: string | undefined, ...more: string[]): string {
  const segments = (pointer ?? '')
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .concat(more);
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

const isUnion = (e: AjvError) => e.keyword === 'anyOf' || e.keyword === 'oneOf';

/**
 * The issues of one failed validation: a union's branch errors are folded into one issue (the
 * allowed literals, the branch a discriminating field picks, or the types it accepts).
 */
export function issuesFromAjv(errors: readonly AjvError[], part: string): InputIssue[] {
  const inside = (e: AjvError, union: AjvError) => e !== union && (e.schemaPath ?? '').startsWith(`${union.schemaPath}/`);
  const top = errors.filter((e) => !errors.some((u) => isUnion(u) && inside(e, u)));
  const issues = top.flatMap((e) => (isUnion(e) ? unionIssues(e, errors.filter((b) => inside(b, e)), part) : [issueOf(e, part)]));
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}\u0000${i.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function issueOf(e: AjvError, part: string): InputIssue {
  const params = { ...(e.params ?? {}) };
  const keyword = e.keyword ?? 'invalid';
  switch (keyword) {
    case 'required':
      return { in: part, field: fieldPath(e.instancePath, String(params.missingProperty)), keyword, params: {} };
    case 'additionalProperties':
      return { in: part, field: fieldPath(e.instancePath, String(params.additionalProperty)), keyword, params: {} };
    case 'dependentRequired':
    case 'dependencies':
      return { in: part, field: fieldPath(e.instancePath, String(params.property)), keyword: 'dependentRequired', params: { missingProperty: params.missingProperty } };
    case 'propertyNames':
      return { in: part, field: fieldPath(e.instancePath, String(params.propertyName)), keyword, params: {} };
    case 'pattern':
      // "not only whitespace" is how the contracts say a text must hold something.
      return { in: part, field: fieldPath(e.instancePath), keyword: params.pattern === '\\S' ? 'blank' : 'pattern', params: { pattern: params.pattern } };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { in: part, field: fieldPath(e.instancePath), keyword, params: { comparison: params.comparison, limit: params.limit } };
    default:
      return { in: part, field: fieldPath(e.instancePath), keyword, params };
  }
}

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The literals a branch accepts, or undefined when it accepts more than literals. */
function literalsOf(branch: unknown): unknown[] | undefined {
  if (!isSchema(branch)) return undefined;
  if ('const' in branch) return [branch.const];
  if (Array.isArray(branch.enum)) return branch.enum;
  if (branch.type === 'null' && Object.keys(branch).every((k) => k === 'type')) return [null];
  return undefined;
}

function unionIssues(union: AjvError, branchErrors: readonly AjvError[], part: string): InputIssue[] {
  const branches = Array.isArray(union.schema) ? union.schema : [];
  const field = fieldPath(union.instancePath);
  const literals = branches.map(literalsOf);
  if (branches.length > 0 && literals.every((l) => l !== undefined)) {
    return [{ in: part, field, keyword: 'enum', params: { allowedValues: literals.flat() } }];
  }
  const errorsOf = (i: number) => branchErrors.filter((e) => (e.schemaPath ?? '').startsWith(`${union.schemaPath}/${i}/`));
  // A discriminated union (objects told apart by a literal property, e.g. kind): the branch the data names.
  const data = union.data;
  const discriminator = isSchema(data) ? discriminatorOf(branches) : undefined;
  if (discriminator && isSchema(data)) {
    const picked = branches.findIndex((b) => isSchema(b) && isSchema(b.properties) && literalsOf(b.properties[discriminator])?.includes(data[discriminator]));
    if (picked < 0) {
      const allowedValues = branches.flatMap((b) => (isSchema(b) && isSchema(b.properties) ? (literalsOf(b.properties[discriminator]) ?? []) : []));
      const missing = !(discriminator in data);
      return [{ in: part, field: fieldPath(union.instancePath, discriminator), keyword: missing ? 'required' : 'enum', params: missing ? {} : { allowedValues } }];
    }
    return issuesFromAjv(errorsOf(picked), part);
  }
  // Branches whose only complaint is the value's type did not apply; if one branch is left, its complaint is the one.
  const applying = branches.map((_, i) => i).filter((i) => !errorsOf(i).every((e) => e.keyword === 'type' && e.instancePath === union.instancePath));
  if (applying.length === 1) return issuesFromAjv(errorsOf(applying[0]!), part);
  if (applying.length === 0) {
    const types = [...new Set(branchErrors.flatMap((e) => String(e.params?.type ?? '').split(',')).filter((t) => t !== ''))];
    if (types.length > 0) return [{ in: part, field, keyword: 'type', params: { type: types } }];
  }
  return [{ in: part, field, keyword: union.keyword ?? 'anyOf', params: {} }];
}

/** A property every branch of a union of objects fixes to literals. */
function discriminatorOf(branches: readonly unknown[]): string | undefined {
  const first = branches[0];
  if (!isSchema(first) || !isSchema(first.properties)) return undefined;
  return Object.keys(first.properties).find((key) =>
    branches.every((b) => isSchema(b) && isSchema(b.properties) && literalsOf(b.properties[key]) !== undefined),
  );
}
