/** What `GET /sso/options` answers: the directories and identity providers the sign-in page offers. */
export interface SsoOptions {
  directories: { id: number; name: string }[];
  oidcProviders: { id: number; name: string; startUrl: string }[];
}

export const signInOptionsKey = ['sso', 'options'] as const;

/**
 * A code as sent to the server: Persian or Arabic-Indic digits become ASCII; a 6-digit code loses
 * its spaces and dashes, a recovery code (`xxxxx-xxxxx`, the server ignores case, spaces, dashes) is trimmed.
 */
export function normaliseCode(value: string, recovery: boolean): string {
  const ascii = value.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  return recovery ? ascii.trim() : ascii.replace(/[\s-]/g, '');
}
