// @vitest-environment node
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import stylelint from 'stylelint';
import { ESLint } from 'eslint';
import faMain from '../src/shared/locales/fa.json';
import enMain from '../src/shared/locales/en.json';
import faAdmin from '../src/shared/locales/admin.fa.json';
import enAdmin from '../src/shared/locales/admin.en.json';
import faSignUp from '../src/shared/locales/signup.fa.json';
import enSignUp from '../src/shared/locales/signup.en.json';
import faSla from '../src/shared/locales/sla-admin.fa.json';
import enSla from '../src/shared/locales/sla-admin.en.json';
import faContracts from '../src/shared/locales/contracts-admin.fa.json';
import enContracts from '../src/shared/locales/contracts-admin.en.json';
import faFind from '../src/shared/locales/find.fa.json';
import enFind from '../src/shared/locales/find.en.json';
import { extractKeys, flatKeys, missingKeys, usedKeysOf } from './i18n-keys.ts';
import { readFileSync } from 'node:fs';

const WEB = path.resolve(import.meta.dirname, '..');
// The admin pages' sections load with those pages (src/admin/strings.ts, sla-strings.ts, contract-strings.ts),
// the portal sign-up pages' with theirs (src/portal/sign-up-strings.ts); the checks see every key.
const fa = { ...faMain, ...faAdmin, ...faSignUp, ...faSla, ...faContracts, ...faFind };
const en = { ...enMain, ...enAdmin, ...enSignUp, ...enSla, ...enContracts, ...enFind };

describe('logical properties only (stylelint + stylelint-use-logical)', () => {
  it('reports every physical left/right in the fixture', async () => {
    const result = await stylelint.lint({ files: [path.join(WEB, 'test/fixtures/physical.css')], configFile: path.join(WEB, 'stylelint.config.js') });
    const text = result.results.flatMap((r) => r.warnings.map((w) => w.text)).join('\n');
    for (const needle of ['margin-left', 'padding-right', 'float', 'text-align']) expect(text).toContain(needle);
  });

  it('finds none in the app’s stylesheets', async () => {
    const result = await stylelint.lint({ files: [path.join(WEB, 'src/**/*.css')], configFile: path.join(WEB, 'stylelint.config.js') });
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.results.flatMap((r) => r.warnings.map((w) => `${r.source}: ${w.text}`))).toEqual([]);
  });
});

describe('no literal strings in JSX (eslint-plugin-i18next, jsx-only, with the read attributes)', () => {
  const eslint = new ESLint({ cwd: WEB, overrideConfigFile: path.join(WEB, 'eslint.config.js') });

  it('reports text, title, placeholder, aria-label, alt and label in the fixture, inline disables included', async () => {
    const [result] = await eslint.lintFiles([path.join(WEB, 'test/fixtures/literal-strings.tsx')]);
    const messages = result!.messages.filter((m) => m.ruleId === 'i18next/no-literal-string').map((m) => m.message).join('\n');
    for (const needle of ['Hello there', 'title="A title"', 'placeholder="Type here"', 'aria-label="Search box"', 'alt="A picture"', 'label="Name"', 'Disabled inline']) expect(messages).toContain(needle);
    expect(result!.messages.some((m) => m.ruleId === 'no-restricted-syntax')).toBe(true);
  });

  it('finds none in the app’s source', async () => {
    const results = await eslint.lintFiles([path.join(WEB, 'src')]);
    expect(results.length).toBeGreaterThan(20);
    expect(results.flatMap((r) => r.messages.map((m) => `${path.relative(WEB, r.filePath)}:${m.line} ${m.message}`))).toEqual([]);
  });
});

describe('every translation key exists in fa and en', () => {
  it('reports the fixture’s missing keys', () => {
    const used = extractKeys(readFileSync(path.join(WEB, 'test/fixtures/missing-key.tsx'), 'utf8'));
    expect(missingKeys(used, fa)).toEqual(['fixture.no_such_key', 'fixture_prefix.*']);
    expect(missingKeys(used, en)).toEqual(['fixture.no_such_key', 'fixture_prefix.*']);
  });

  it('finds every key the source uses in both locales', () => {
    const used = usedKeysOf(path.join(WEB, 'src'));
    expect(used.exact.size).toBeGreaterThan(100);
    expect(missingKeys(used, fa)).toEqual([]);
    expect(missingKeys(used, en)).toEqual([]);
  });

  it('keeps the lazily loaded sections apart from the first-screen ones', () => {
    expect(Object.keys(faAdmin).filter((k) => k in faMain || k in enMain)).toEqual([]);
    expect(Object.keys(enAdmin).sort()).toEqual(Object.keys(faAdmin).sort());
    expect(Object.keys(faSignUp).filter((k) => k in faMain || k in enMain || k in faAdmin)).toEqual([]);
    expect(Object.keys(enSignUp).sort()).toEqual(Object.keys(faSignUp).sort());
    expect(Object.keys(faSla).filter((k) => k in faMain || k in enMain || k in faAdmin)).toEqual([]);
    expect(Object.keys(enSla).sort()).toEqual(Object.keys(faSla).sort());
    expect(Object.keys(faContracts).filter((k) => k in faMain || k in enMain || k in faAdmin || k in faSla)).toEqual([]);
    expect(Object.keys(enContracts).sort()).toEqual(Object.keys(faContracts).sort());
    expect(Object.keys(faFind).filter((k) => k in faMain || k in enMain || k in faAdmin || k in faSla || k in faContracts || k in faSignUp)).toEqual([]);
    expect(Object.keys(enFind).sort()).toEqual(Object.keys(faFind).sort());
  });

  it('has the same keys in fa and en, and Persian text without Latin words', () => {
    expect(flatKeys(fa).sort()).toEqual(flatKeys(en).sort());
    const allowedLatin = new Set(['common.languageEn', 'preferences.latinDigits']);
    const latinInFa = flatKeys(fa).filter((k) => !allowedLatin.has(k)).filter((k) => {
      const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], fa) as string;
      return /[A-Za-z]/.test(value.replace(/\{\{\w+\}\}/g, ''));
    });
    expect(latinInFa).toEqual([]);
  });
});
