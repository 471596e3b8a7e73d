import { describe, expect, it } from 'vitest';
import '../../app.ts';
import { errorDefinitions } from './errors.ts';

// Every error a client can meet is declared once, with a Persian and an English message that
// carry the same placeholders. Importing the composition root registers every module's errors.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+(?::\w+)?)\}/g)].map((m) => m[1]).sort();

describe('error catalogue', () => {
  const all = [...errorDefinitions()];

  it('declares the errors of every module', () => {
    const prefixes = new Set(all.map(([code]) => code.split('.')[0]));
    for (const p of ['request', 'auth', 'record', 'ticket']) expect(prefixes).toContain(p);
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all)('%s has a machine code, a 4xx/5xx status, and fa/en messages with the same placeholders', (code, def) => {
    expect(code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
    expect(def.status).toBeGreaterThanOrEqual(400);
    expect(def.status).toBeLessThan(600);
    expect(def.fa).toMatch(/[\u0600-\u06FF]/);
    expect(def.fa).not.toMatch(/[يك]/); // Persian ی and ک, not the Arabic letters
    expect(def.en).toMatch(/^[\x20-\x7E\u2018\u2019\u201C\u201D\u2013\u2014]+$/);
    expect(placeholders(def.fa)).toEqual(placeholders(def.en));
  });
});
