import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@pishkhan/contracts';

/** What the form can tell before asking the server (which also refuses common and reused passwords). */
export function passwordProblem(next: string, repeat: string): 'short' | 'long' | 'mismatch' | null {
  const length = [...next].length;
  if (length < PASSWORD_MIN_LENGTH) return 'short';
  if (next.length > PASSWORD_MAX_LENGTH) return 'long';
  if (next !== repeat) return 'mismatch';
  return null;
}
