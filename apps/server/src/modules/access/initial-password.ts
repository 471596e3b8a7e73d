import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** `<data dir>/initial-admin-password`: the first admin's generated password, until it is changed. */
export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

/** Writes the file (mode 0600) — before the admin's row commits, so a failed write leaves no admin nobody can sign in as. */
export async function writeInitialPasswordFile(dataDir: string, email: string, password: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
  await writeFile(file, `${email}\n${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

/** Deletes the file once the password it holds for `email` has been replaced (a file naming someone else stays). */
export async function removeInitialPasswordFile(dataDir: string, email: string): Promise<void> {
  const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text !== null && text.split('\n')[0]?.trim().toLowerCase() === email.trim().toLowerCase()) await rm(file, { force: true });
}
