import { describe, expect, it } from 'vitest';
import { groupSecret, recoveryCodesFile } from './two-step.ts';
import { normaliseCode } from '../../shared/sign-in-options.ts';

describe('two-step verification helpers', () => {
  it('sends a typed code as ASCII digits without spaces or dashes, Persian and Arabic-Indic digits too', () => {
    expect(normaliseCode(' 123 456 ', false)).toBe('123456');
    expect(normaliseCode('۱۲۳-۴۵۶', false)).toBe('123456');
    expect(normaliseCode('٠١٢٣٤٥', false)).toBe('012345');
  });

  it('keeps a recovery code as typed, trimmed (the server ignores its case and dashes)', () => {
    expect(normaliseCode('  abcde-fgh۱۲ ', true)).toBe('abcde-fgh12');
  });

  it('shows the secret in groups of four and writes the codes file one code a line', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(recoveryCodesFile(['aaaaa-bbbbb', 'ccccc-ddddd'], 'Codes')).toBe('Codes\n\naaaaa-bbbbb\nccccc-ddddd\n');
  });
});
