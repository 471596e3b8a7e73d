import { createRequire } from 'node:module';

type Schema = Record<string, unknown>;
type SerializerFactory = (externalSchemas: unknown, serializerOpts: unknown) => (info: { schema: Schema; method: string; url: string; httpStatus: string }) => (data: unknown) => string;

/**
 * The response serializer Fastify uses (fast-json-stringify through its compiler, the very copy
 * Fastify depends on), given each response schema with `anyOf: [X, null]` written as X with
 * `nullable: true`. fast-json-stringify picks an `anyOf` branch by running Ajv on the value — a
 * nullable instant runs the date-time format check — for every such field of every response: a
 * ticket has about twenty, a page of 25 tickets five hundred. `nullable` is a null check. The
 * JSON is the same for every value the schema allows; the route schemas themselves (validation,
 * OpenAPI) are untouched.
 */
export function nullableResponseSerializer(): SerializerFactory {
  const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const selector = fastifyRequire('@fastify/fast-json-stringify-compiler') as () => SerializerFactory;
  const base = selector();
  return (externalSchemas, serializerOpts) => {
    const compile = base(externalSchemas, serializerOpts);
    return (info) => compile({ ...info, schema: nullableForm(info.schema) as Schema });
  };
}

/** A copy of `schema` with every `anyOf: [X, { type: 'null' }]` (either order) whose X has a single type written as X plus `nullable: true`. */
export function nullableForm(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableForm);
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const anyOf = source.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullAt = anyOf.findIndex(isNullSchema);
    const other = anyOf[1 - nullAt] as Schema | undefined;
    if (nullAt >= 0 && other && typeof other.type === 'string' && other.type !== 'null' && other.anyOf === undefined && other.$ref === undefined) {
      const { anyOf: _union, ...siblings } = source;
      return { ...(nullableForm(other) as Schema), ...(nullableForm(siblings) as Schema), nullable: true };
    }
  }
  const copy: Schema = {};
  for (const key of Object.keys(source)) copy[key] = nullableForm(source[key]);
  return copy;
}

function isNullSchema(schema: unknown): boolean {
  return schema !== null && typeof schema === 'object' && (schema as Schema).type === 'null' && Object.keys(schema).length === 1;
}
