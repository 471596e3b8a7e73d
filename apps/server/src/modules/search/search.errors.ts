import { defineErrors } from '../../platform/http/errors.ts';

/** Errors of the search module. */
export const SearchErrors = defineErrors({
  'search.bad_query': {
    status: 400,
    // The reason is English text (details.reason); the fa message names the position only, and the web app says why in its own words.
    fa: 'جست‌وجو خوانا نیست (در نویسهٔ {position})',
    en: 'The search query cannot be read (at character {position}): {reason}',
  },
});
