/** The TOTP secret (base32) in groups of four, easier to type by hand; spaces are ignored by the apps. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The recovery codes as the downloaded text file: a heading line, then one code a line. */
export function recoveryCodesFile(codes: string[], heading: string): string {
  return `${heading}\n\n${codes.join('\n')}\n`;
}
