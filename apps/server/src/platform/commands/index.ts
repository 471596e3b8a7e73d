export { defineCommand, unitOfWork, type Command, type CommandContext, type CommandInput } from './command.ts';
export { onceForKey, type IdempotencyKey } from './idempotency.ts';
