import type { AppContext } from '../context.ts';
import { findRotation, RotationErrors, startSecretRotation } from '../platform/crypto/index.ts';
import { DomainError } from '../platform/http/errors.ts';
import { refusalsExitTwo } from './one-line-error.ts';

/**
 * `pishkhan secret rotate [--here|--detach]`: with the new secret in PISHKHAN_SECRET and the old
 * one in PISHKHAN_SECRET_PREVIOUS (servers restarted with both, so each opens either and seals
 * only under the new), starts the `platform.secret_rotate` job and follows it until it reports
 * done; then PISHKHAN_SECRET_PREVIOUS can go. A server still on the old secret never runs it.
 * `--here` runs the job in this process (no server running); `--detach` only starts it.
 */
export function secretRotateCommand(
  ctx: AppContext,
  flags: Record<string, string | true>,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  return refusalsExitTwo(async () => {
    if (!ctx.config.previousSecret) throw new DomainError(RotationErrors['secret.previous_required'], { current: 'PISHKHAN_SECRET', previous: 'PISHKHAN_SECRET_PREVIOUS' });
    if (ctx.config.previousSecret === ctx.secret) throw new DomainError(RotationErrors['secret.same_secret']);
    const rotation = await startSecretRotation(ctx.db, ctx);
    print(`Secret rotation ${rotation.id} started: re-sealing every sealed value under key ${rotation.keyId}`);
    if (flags.detach) return 0;
    if (flags.here) ctx.jobs.start();
    let quietSince = Date.now();
    for (;;) {
      const now = (await findRotation(ctx.db, rotation.id))!;
      if (now.status === 'done') {
        print(`Secret rotation ${rotation.id}: done — ${now.resealed} values re-sealed under key ${now.keyId}. Remove PISHKHAN_SECRET_PREVIOUS and restart the servers.`);
        return 0;
      }
      if (Date.now() - quietSince > 30_000) {
        print('Not done after 30 s: is a server running with the new PISHKHAN_SECRET? (or run `pishkhan secret rotate --here`)');
        quietSince = Date.now();
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }, printError);
}
