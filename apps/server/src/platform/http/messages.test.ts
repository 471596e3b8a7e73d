import { describe, expect, it } from 'vitest';
import '../../app.ts';
import '../backup/index.ts';
import { errorDefinitions, renderMessage, renderTemplate, termDefinitions, type Message } from './errors.ts';
import { issueMessageDefinitions, issuesFromAjv, renderIssue, type InputIssue } from './input-issues.ts';
import { createAjvPair } from './server.ts';
import { isTestCode, readSources } from '../../architecture/sources.ts';

// Every message a client can read, swept in both languages: a Persian message holds no Latin letter
// outside the values interpolated into it (field names, allowed values), an English one no Persian.
// Interpolated values are rendered empty here (or in Persian), so any Latin letter left is the template's.

const LATIN = /[A-Za-z]/;
const PERSIAN = /[\u0600-\u06FF]/;
const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

const terms = termDefinitions();
const issueKeywords = [...issueMessageDefinitions().keys()];

/** Sample values for one placeholder kind: every term of a word list, every issue keyword, or a blank value. */
function samplesOf(kind: string | undefined): unknown[] {
  if (kind === undefined) return [''];
  if (kind === 'issues') return issueKeywords.map((keyword) => [{ field: '', keyword, params: baseOf(issueMessageDefinitions().get(keyword)!.fa) } satisfies InputIssue]);
  if (kind === 'values') return [[''], ['', ''], [1, 2]];
  if (kind === 'types') return [...terms.get('json_type')!.keys()].map((t) => [t]);
  const family = terms.get(kind);
  expect(family, `term family ${kind}`).toBeDefined();
  return [...family!.keys()];
}

/** The first sample of each placeholder of a template. */
function baseOf(template: string): Record<string, unknown> {
  return Object.fromEntries([...template.matchAll(PLACEHOLDER)].map((m) => [m[1]!, samplesOf(m[2])[0]]));
}

/** Every rendering of a template that varies one placeholder at a time over its samples. */
function renderings(template: string, render: (details: Record<string, unknown>) => string): string[] {
  const slots = [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, kind: m[2] }));
  const base = baseOf(template);
  const out = [render(base)];
  for (const slot of slots) for (const sample of samplesOf(slot.kind)) out.push(render({ ...base, [slot.name]: sample }));
  return out;
}

describe('messages in both languages', () => {
  it.each([...errorDefinitions().keys()])('error %s: fa without Latin letters, en without Persian ones', (code) => {
    for (const text of renderings(errorDefinitions().get(code)!.fa, (d) => renderMessage(code, 'fa', d))) expect(text).not.toMatch(LATIN);
    for (const text of renderings(errorDefinitions().get(code)!.en, (d) => renderMessage(code, 'en', d))) expect(text).not.toMatch(PERSIAN);
  });

  it.each(issueKeywords)('validation issue %s: fa without Latin letters, en without Persian ones, the field named', (keyword) => {
    const message = issueMessageDefinitions().get(keyword)!;
    for (const lang of ['fa', 'en'] as const) {
      const render = (params: Record<string, unknown>) => renderIssue({ field: '', keyword, params }, lang);
      for (const text of renderings(message[lang], render)) expect(text).not.toMatch(lang === 'fa' ? LATIN : PERSIAN);
      expect(renderIssue({ field: 'فیلد', keyword, params: {} }, lang)).toContain('فیلد');
    }
  });

  it.each([...terms.keys()])('terms of %s are written in each language', (kind) => {
    for (const [key, message] of terms.get(kind)! as ReadonlyMap<string, Message>) {
      expect(message.fa, `${kind}.${key}`).toMatch(PERSIAN);
      // Sentences (timeline events) hold placeholders for names; the words around them are Persian.
      expect(message.fa.replace(PLACEHOLDER, ''), `${kind}.${key}`).not.toMatch(LATIN);
      expect(message.en, `${kind}.${key}`).not.toMatch(PERSIAN);
      expect(message.fa, `${kind}.${key}`).not.toMatch(/[يك]/);
    }
  });

  it('every format the validator knows has a name in both languages', () => {
    const formats = Object.keys(createAjvPair().body.formats);
    expect(formats.length).toBeGreaterThan(10);
    for (const f of formats) expect(terms.get('format')?.has(f), f).toBe(true);
  });

  it('request.invalid is raised only with its issues (invalidInput, invalidIssues, the validator): its message names the field', () => {
    const raisers = new Set(['platform/http/input-issues.ts', 'platform/http/server.ts']);
    const offenders = readSources()
      .filter((source) => !isTestCode(source.file) && !raisers.has(source.file) && source.text.includes("CommonErrors['request.invalid']"))
      .map((source) => source.file);
    expect(offenders).toEqual([]);
  });

  it('a template without placeholders renders as written; a kind without a term shows the value', () => {
    expect(renderTemplate('«{x:ticket_status}»', 'fa', { x: 'open' })).toBe('«باز»');
    expect(renderTemplate('"{x:ticket_status}"', 'en', { x: 'open' })).toBe('"open"');
    expect(renderTemplate('{x:ticket_status}', 'fa', { x: 'unknown' })).toBe('unknown');
  });
});

// Every kind of schema failure, through the validator the server uses: field names and values are
// Persian here, so the whole rendered message must be free of Latin letters in fa.
describe('schema failures in both languages', () => {
  const { body } = createAjvPair();
  const cases: Array<[string, object, unknown, string]> = [
    ['required', { type: 'object', properties: { نام: { type: 'string' } }, required: ['نام'] }, {}, 'required'],
    ['additionalProperties', { type: 'object', properties: {}, additionalProperties: false }, { ناشناس: 1 }, 'additionalProperties'],
    ['type', { type: 'object', properties: { شمار: { type: 'integer' } } }, { شمار: 'ده' }, 'type'],
    ['type of several', { type: 'object', properties: { شمار: { type: ['integer', 'null'] } } }, { شمار: 'ده' }, 'type'],
    ['enum', { type: 'object', properties: { وضع: { enum: ['الف', 'ب'] } } }, { وضع: 'پ' }, 'enum'],
    ['const', { type: 'object', properties: { وضع: { const: 'الف' } } }, { وضع: 'پ' }, 'const'],
    ['union of literals', { type: 'object', properties: { وضع: { anyOf: [{ const: 'الف' }, { const: 'ب' }] } } }, { وضع: 'پ' }, 'enum'],
    ['nullable id', { type: 'object', properties: { شناسه: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] } } }, { شناسه: 0 }, 'minimum'],
    ['union of types', { type: 'object', properties: { شناسه: { anyOf: [{ type: 'integer' }, { type: 'string' }] } } }, { شناسه: true }, 'type'],
    [
      'discriminated union',
      {
        anyOf: [
          { type: 'object', properties: { گونه: { const: 'الف' }, گروه: { type: 'integer' } }, required: ['گونه', 'گروه'], additionalProperties: false },
          { type: 'object', properties: { گونه: { const: 'ب' } }, required: ['گونه'], additionalProperties: false },
        ],
      },
      { گونه: 'الف' },
      'required',
    ],
    ['discriminated union, unknown kind', { anyOf: [{ type: 'object', properties: { گونه: { const: 'الف' } } }, { type: 'object', properties: { گونه: { const: 'ب' } } }] }, { گونه: 'پ' }, 'enum'],
    ['mixed union', { anyOf: [{ type: 'object', required: ['الف'] }, { type: 'object', required: ['ب'] }] }, {}, 'anyOf'],
    ['oneOf', { oneOf: [{ type: 'integer' }, { type: 'number' }] }, 1, 'oneOf'],
    ['not', { type: 'object', properties: { الف: { not: { type: 'integer' } } } }, { الف: 1 }, 'not'],
    ['minLength', { type: 'object', properties: { متن: { type: 'string', minLength: 2 } } }, { متن: 'ا' }, 'minLength'],
    ['maxLength', { type: 'object', properties: { متن: { type: 'string', maxLength: 1 } } }, { متن: 'اب' }, 'maxLength'],
    ['minimum', { type: 'object', properties: { عدد: { type: 'integer', minimum: 1 } } }, { عدد: 0 }, 'minimum'],
    ['maximum', { type: 'object', properties: { عدد: { type: 'integer', maximum: 1 } } }, { عدد: 2 }, 'maximum'],
    ['exclusiveMinimum', { type: 'object', properties: { عدد: { type: 'number', exclusiveMinimum: 1 } } }, { عدد: 1 }, 'exclusiveMinimum'],
    ['exclusiveMaximum', { type: 'object', properties: { عدد: { type: 'number', exclusiveMaximum: 1 } } }, { عدد: 1 }, 'exclusiveMaximum'],
    ['multipleOf', { type: 'object', properties: { عدد: { type: 'number', multipleOf: 2 } } }, { عدد: 3 }, 'multipleOf'],
    ['pattern', { type: 'object', properties: { کد: { type: 'string', pattern: '^\\d+$' } } }, { کد: 'ا' }, 'pattern'],
    ['blank text', { type: 'object', properties: { متن: { type: 'string', pattern: '\\S' } } }, { متن: '  ' }, 'blank'],
    ['format', { type: 'object', properties: { نشانی: { type: 'string', format: 'email' } } }, { نشانی: 'ا' }, 'format'],
    ['minItems', { type: 'object', properties: { فهرست: { type: 'array', minItems: 1 } } }, { فهرست: [] }, 'minItems'],
    ['maxItems', { type: 'object', properties: { فهرست: { type: 'array', maxItems: 1 } } }, { فهرست: [1, 2] }, 'maxItems'],
    ['uniqueItems', { type: 'object', properties: { فهرست: { type: 'array', uniqueItems: true } } }, { فهرست: [1, 1] }, 'uniqueItems'],
    ['contains', { type: 'object', properties: { فهرست: { type: 'array', contains: { const: 1 } } } }, { فهرست: [2] }, 'contains'],
    ['tuple items', { type: 'object', properties: { فهرست: { type: 'array', items: [{ type: 'integer' }], additionalItems: false } } }, { فهرست: [1, 2] }, 'additionalItems'],
    ['minProperties', { type: 'object', minProperties: 1 }, {}, 'minProperties'],
    ['maxProperties', { type: 'object', maxProperties: 0 }, { الف: 1 }, 'maxProperties'],
    ['dependencies', { type: 'object', dependencies: { الف: ['ب'] } }, { الف: 1 }, 'dependentRequired'],
    ['propertyNames', { type: 'object', propertyNames: { maxLength: 1 } }, { الفب: 1 }, 'propertyNames'],
    ['false schema', { type: 'object', properties: { الف: false } }, { الف: 1 }, 'false schema'],
    ['if / then', { type: 'object', if: { required: ['الف'] }, then: { required: ['ب'] } }, { الف: 1 }, 'required'],
    ['the body as a whole', { type: 'object' }, 'متن', 'type'],
  ];

  it.each(cases)('%s', (_name, schema, data, keyword) => {
    const validate = body.compile(schema);
    expect(validate(data)).toBe(false);
    const issues = issuesFromAjv(validate.errors ?? [], 'body');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.keyword)).toContain(keyword);
    for (const issue of issues) {
      const fa = renderIssue(issue, 'fa');
      const en = renderIssue(issue, 'en');
      expect(fa).not.toMatch(LATIN);
      expect(en).not.toBe('');
      if (issue.field !== '') {
        expect(fa).toContain(issue.field);
        expect(en).toContain(issue.field);
      }
    }
  });

  it('an unknown field is named; a union of literals lists its values', () => {
    const validate = body.compile({ type: 'object', properties: { kind: { anyOf: [{ const: 'related' }, { const: 'parent_child' }] } }, additionalProperties: false });
    validate({ extra: 1 });
    expect(renderIssue(issuesFromAjv(validate.errors!, 'body')[0]!, 'en')).toBe('"extra" is not a known field');
    validate({ kind: 'x' });
    const [issue] = issuesFromAjv(validate.errors!, 'body');
    expect(renderIssue(issue!, 'en')).toBe('"kind" must be one of: related, parent_child');
    expect(renderIssue(issue!, 'fa')).toBe('«kind» باید یکی از این‌ها باشد: related، parent_child');
  });
});
