import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { Ticket } from '@pishkhan/contracts';
import { nullableForm, nullableResponseSerializer } from './response-serializer.ts';

const Instant = Type.String({ format: 'date-time' });
const Shape = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  at: Type.Union([Instant, Type.Null()]),
  by: Type.Union([Type.Null(), Type.Integer({ minimum: 1 })]),
  person: Type.Optional(Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()])),
  // Not of the form [X, null] with one type: left to anyOf.
  either: Type.Union([Type.String(), Type.Integer()]),
  tags: Type.Array(Type.String()),
});

/** The body Fastify sends for `value` under Shape, with this serializer or (plain) Fastify's own. */
async function serialise(value: unknown, plain = false): Promise<string> {
  const app = Fastify(plain ? {} : { schemaController: { compilersFactory: { buildSerializer: nullableResponseSerializer() as never } } });
  app.get('/', { schema: { response: { 200: Shape } } }, async () => value);
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return res.body;
}

describe('nullable response serializer', () => {
  it('writes [X, null] unions as nullable X, leaves other unions and the source schema alone', () => {
    const form = nullableForm(Shape) as any;
    expect(form.properties.at).toEqual({ type: 'string', format: 'date-time', nullable: true });
    expect(form.properties.by).toEqual({ type: 'integer', minimum: 1, nullable: true });
    expect(form.properties.person).toMatchObject({ type: 'object', nullable: true, properties: { id: { type: 'integer' }, name: { type: 'string' } } });
    expect(form.properties.either.anyOf).toHaveLength(2);
    expect((Shape.properties.at as any).anyOf).toHaveLength(2);
  });

  it('sends byte for byte what Fastify’s own serializer sends for values the schema allows, nulls included', async () => {
    const full = { id: 7, at: '2026-12-04T01:00:00.000Z', by: 3, person: { id: 1, name: 'سارا' }, either: 'x', tags: ['a'] };
    const empty = { id: 8, at: null, by: null, person: null, either: 5, tags: [] };
    // Fields outside the schema are still left out.
    for (const value of [full, empty, { ...empty, secret: 's' }]) expect(await serialise(value)).toBe(await serialise(value, true));
    expect(JSON.parse(await serialise(full))).toEqual(full);
    expect(JSON.parse(await serialise({ ...empty, secret: 's' }))).toEqual(empty);
  });

  it('leaves no [X, null] union of a single type in the ticket contract', () => {
    const unions: unknown[] = [];
    const walk = (s: unknown) => {
      if (Array.isArray(s)) return s.forEach(walk);
      if (s === null || typeof s !== 'object') return;
      const anyOf = (s as { anyOf?: Array<{ type?: unknown }> }).anyOf;
      if (anyOf?.some((b) => b.type === 'null')) unions.push(s);
      Object.values(s).forEach(walk);
    };
    walk(Ticket);
    expect(unions.length).toBeGreaterThan(10);
    unions.length = 0;
    walk(nullableForm(Ticket));
    expect(unions).toEqual([]);
  });
});
