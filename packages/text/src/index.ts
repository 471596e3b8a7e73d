export { foldDigits, toPersianDigits } from './digits.ts';
export { normalizePhone, isIranianMobile } from './phone.ts';
export type { PhoneOptions } from './phone.ts';
export { EMAIL_ADDRESS_PATTERN, isEmailAddress, normalizeEmail } from './email.ts';
export { hasUnstorableText, toStorableText } from './storable.ts';
export { normalizeForSearch } from './search-key.ts';
export { tokenize } from './tokenize.ts';
export { parseTicketNumber } from './ticket-number.ts';
export type { TicketNumberOptions } from './ticket-number.ts';
