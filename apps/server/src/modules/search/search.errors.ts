import { defineErrors } from '../../platform/http/errors.ts';

/** Errors of the search module. */
export const SearchErrors = defineErrors({
  'search.bad_query': {
    status: 400,
    // Both name the position; the parser's reason is English and stays in details.reason (the web app says why in the reader's words).
    fa: 'جست‌وجو خوانا نیست (در نویسهٔ {position})',
    en: 'The search query cannot be read (at character {position})',
  },
});
