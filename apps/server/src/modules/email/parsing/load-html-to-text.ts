import type * as HtmlToText from 'html-to-text';
import { onFirstUse } from '../../../platform/on-first-use.ts';

const load = onFirstUse<typeof HtmlToText>(import.meta.url, 'html-to-text');

/** html-to-text's convert, read with the first HTML mail (ADR 0037), like mailparser itself. */
export const convert: typeof HtmlToText.convert = (...args) => load().convert(...args);
