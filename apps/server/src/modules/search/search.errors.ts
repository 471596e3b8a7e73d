import { defineErrors } from '../../platform/http/errors.ts';

/** Errors of the search module. */
export const SearchErrors = defineErrors({
  'search.bad_query': {
    status: 400,
    fa: 'جست‌وجو خوانا نیست (در نویسه {position}): {reason}',
    en: 'The search query cannot be read (at character {position}): {reason}',
  },
});
