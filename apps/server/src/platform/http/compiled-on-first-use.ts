type Validate = ((data: any) => any) & { errors?: unknown };
type SerializerFactory = (externalSchemas: unknown, serializerOpts: unknown) => (info: never) => (data: unknown) => string;

/**
 * Route schemas compiled the first time a request needs them instead of all at start (ADR 0037):
 * Ajv's validators and fast-json-stringify's serializers are generated code, and a server held
 * those of all its two hundred routes while a desk's day uses a few dozen. The first request of a
 * route pays its compilation. Fastify reads a validator's `errors` after the call, as Ajv sets them.
 */
export function validatorsOnFirstUse<Input, V extends Validate>(compile: (input: Input) => V): (input: Input) => V {
  return (input) => {
    let compiled: V | undefined;
    const validate = ((data: unknown) => {
      compiled ??= compile(input);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    }) as V;
    return validate;
  };
}

/** The serializer factory's compilers, each compiling on its first response. */
export function serializersOnFirstUse<F extends SerializerFactory>(factory: F): F {
  return ((externalSchemas, serializerOpts) => {
    const compile = factory(externalSchemas, serializerOpts);
    return (info) => {
      let compiled: ((data: unknown) => string) | undefined;
      return (data: unknown) => (compiled ??= compile(info))(data);
    };
  }) as F;
}
