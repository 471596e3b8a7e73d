export { defineCommand, unitOfWork, type Command, type CommandContext, type CommandInput, type CommandOptions } from './command.ts';
export { onceForKey, type IdempotencyKey } from './idempotency.ts';
