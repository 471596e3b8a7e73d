// The CPU ceiling's server: a bare Fastify app with one validated POST, in its own process.
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
let next = 1;
app.post(
  '/items',
  {
    schema: {
      body: Type.Object(
        {
          title: Type.String({ minLength: 1, maxLength: 300 }),
          description: Type.String({ maxLength: 100_000 }),
          type: Type.Union([Type.Literal('incident'), Type.Literal('service_request')]),
          impact: Type.Integer({ minimum: 1, maximum: 3 }),
          urgency: Type.Integer({ minimum: 1, maximum: 3 }),
        },
        { additionalProperties: false },
      ),
    },
  },
  async (request, reply) => reply.status(201).send({ id: next++, title: request.body.title }),
);
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
process.stdout.write('ready\n');
