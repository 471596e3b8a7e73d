import type LibMime from 'libmime';
import type * as Charset from 'libmime/lib/charset';
import { onFirstUse } from '../../../platform/on-first-use.ts';

const libmimeOf = onFirstUse<typeof LibMime>(import.meta.url, 'libmime');
const charsetOf = onFirstUse<typeof Charset>(import.meta.url, 'libmime/lib/charset');

// libmime (with iconv-lite and encoding-japanese), read with the first mail (ADR 0037), like mailparser itself.
export const libmime = {
  decodeWords: (...args: Parameters<typeof LibMime.decodeWords>) => libmimeOf().decodeWords(...args),
};
export const decode: typeof Charset.decode = (...args) => charsetOf().decode(...args);
