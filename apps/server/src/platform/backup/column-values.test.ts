import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueFor } from './column-values.ts';

describe('valueFor', () => {
  it('passes integers, bigints and text through unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.string({ unit: 'grapheme' })), fc.constantFrom('integer', 'int4', 'int8', 'bigint', 'text'), (value, type) => {
        expect(valueFor(value, type)).toBe(value);
      }),
    );
    expect(valueFor(null, 'text')).toBeNull();
  });

  it('turns flags into booleans for a boolean column and booleans into flags elsewhere', () => {
    expect([valueFor(1, 'bool'), valueFor(0, 'boolean'), valueFor(true, 'bool')]).toEqual([true, false, true]);
    expect([valueFor(true, 'integer'), valueFor(false, 'int8')]).toEqual([1, 0]);
  });

  it('gives a JSON column text, and a text column JSON text for an object', () => {
    expect(valueFor('{"a":1}', 'jsonb')).toBe('{"a":1}');
    expect(valueFor({ a: [1, 'ب'] }, 'json')).toBe('{"a":[1,"ب"]}');
    expect(valueFor({ a: 1 }, 'text')).toBe('{"a":1}');
  });
});
