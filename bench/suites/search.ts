import type { BenchSuite } from './types.ts';

/**
 * Search at bench scale — Persian terms by how many tickets hold them (≤ 1 %, about 10 %, the
 * commonest), a phrase, a typo, a phone number in Persian digits, a ticket number — through
 * `GET /api/v1/search?q=` on a real `pishkhan start`. A skeleton until the search port
 * (platform/search, issue 8's search part) is on main: the queries are fixed here so that the
 * suite measures them the day it lands.
 */
export const SEARCH_QUERIES = {
  rare: 'فورتی‌کلاینت',
  tenPercent: 'چاپگر',
  commonest: 'لطفاً',
  phrase: '"صندوق پستی"',
  typo: 'پرینتتر',
  phonePersianDigits: '۰۹۱۲',
  ticketNumber: '#۱۰۰۴۲',
} as const;

export const searchSuite: BenchSuite = {
  name: 'search',
  description: 'search at bench scale (skeleton: waits for platform/search on main)',
  async run() {
    return { skipped: 'platform/search is not on main yet; the suite measures SEARCH_QUERIES once GET /api/v1/search exists', queries: SEARCH_QUERIES };
  },
};
