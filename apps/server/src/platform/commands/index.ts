export { defineCommand, unitOfWork, type Command, type CommandContext, type CommandInput, type CommandOptions } from './command.ts';
export { channelKey, onceForKey, MAX_IDEMPOTENCY_KEY, type IdempotencyKey } from './idempotency.ts';
