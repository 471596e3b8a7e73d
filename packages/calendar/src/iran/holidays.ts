// Iran's official public holidays as rules. Facts from persian-calendar/events (CC0-1.0), commit
// 3bfbcc5b667765691784b55b58d8a385217d96d9, events.json (type "Iran", holiday true), which follows
// the University of Tehran Calendar Center's official calendar. Names shortened; English ours.
import { civilDateOf, epochDayOf, type CivilDate } from '../civil-date.ts';
import type { Holiday } from '../definition.ts';
import { hijriMonthStart, type HijriMonthStart } from './hijri.ts';

/** A holiday rule: a fixed Jalali date, or a Hijri date placed on Iran's lunar calendar. */
export interface IranHolidayRule {
  calendar: 'jalali' | 'hijri';
  month: number;
  /** Day of the month, or 'last' for the month's last day (30 Safar or the end of the month). */
  day: number | 'last';
  name: { fa: string; en: string };
}

const j = (month: number, day: number, fa: string, en: string): IranHolidayRule => ({ calendar: 'jalali', month, day, name: { fa, en } });
const h = (month: number, day: number | 'last', fa: string, en: string): IranHolidayRule => ({ calendar: 'hijri', month, day, name: { fa, en } });

/** The official solar (Jalali) and lunar (Hijri) public holidays of Iran. */
export const IRAN_HOLIDAY_RULES: readonly IranHolidayRule[] = [
  j(1, 1, 'آغاز نوروز', 'Nowruz'),
  j(1, 2, 'عید نوروز', 'Nowruz'),
  j(1, 3, 'عید نوروز', 'Nowruz'),
  j(1, 4, 'عید نوروز', 'Nowruz'),
  j(1, 12, 'روز جمهوری اسلامی ایران', 'Islamic Republic Day'),
  j(1, 13, 'روز طبیعت', 'Nature Day'),
  j(3, 14, 'رحلت امام خمینی', 'Death of Imam Khomeini'),
  j(3, 15, 'قیام ۱۵ خرداد', 'Revolt of 15 Khordad'),
  j(11, 22, 'پیروزی انقلاب اسلامی', 'Revolution Day'),
  j(12, 29, 'روز ملی‌شدن صنعت نفت', 'Oil Nationalisation Day'),
  h(1, 9, 'تاسوعای حسینی', 'Tasua'),
  h(1, 10, 'عاشورای حسینی', 'Ashura'),
  h(2, 20, 'اربعین حسینی', 'Arbaeen'),
  h(2, 28, 'رحلت رسول اکرم و شهادت امام حسن مجتبی', 'Death of the Prophet and martyrdom of Imam Hasan'),
  h(2, 'last', 'شهادت امام رضا', 'Martyrdom of Imam Reza'),
  h(3, 8, 'شهادت امام حسن عسکری', 'Martyrdom of Imam Hasan al-Askari'),
  h(3, 17, 'ولادت رسول اکرم و امام جعفر صادق', 'Birth of the Prophet and Imam Jafar al-Sadiq'),
  h(6, 3, 'شهادت حضرت فاطمه زهرا', 'Martyrdom of Fatima'),
  h(7, 13, 'ولادت امام علی', 'Birth of Imam Ali'),
  h(7, 27, 'مبعث رسول اکرم', 'Mabath'),
  h(8, 15, 'ولادت حضرت قائم', 'Birth of the Mahdi'),
  h(9, 21, 'شهادت امام علی', 'Martyrdom of Imam Ali'),
  h(10, 1, 'عید سعید فطر', 'Eid al-Fitr'),
  h(10, 2, 'تعطیل به مناسبت عید فطر', 'Eid al-Fitr holiday'),
  h(10, 25, 'شهادت امام جعفر صادق', 'Martyrdom of Imam Jafar al-Sadiq'),
  h(12, 10, 'عید سعید قربان', 'Eid al-Adha'),
  h(12, 18, 'عید سعید غدیر خم', 'Eid al-Ghadir'),
];

/** One generated holiday: its Jalali date, name, and whether it rests on an estimated Hijri month start. */
export interface IranHoliday {
  date: CivilDate;
  name: { fa: string; en: string };
  estimated: boolean;
}

/**
 * Iran's public holidays in a Jalali year, generated from the rules: Hijri ones placed on the official
 * table of Iranian month starts, or on the astronomical estimate (marked `estimated`) beyond it.
 * `monthStart` lets a caller put announced month starts (an admin's confirmations) before both.
 */
export function iranianHolidays(jalaliYear: number, monthStart: (year: number, month: number) => HijriMonthStart = hijriMonthStart): IranHoliday[] {
  const first = epochDayOf({ calendar: 'jalali', year: jalaliYear, month: 1, day: 1 });
  const next = epochDayOf({ calendar: 'jalali', year: jalaliYear + 1, month: 1, day: 1 });
  const out: { day: number; holiday: IranHoliday }[] = [];
  const add = (day: number, rule: IranHolidayRule, estimated: boolean) => {
    if (day >= first && day < next) out.push({ day, holiday: { date: civilDateOf(day, 'jalali'), name: rule.name, estimated } });
  };
  for (const rule of IRAN_HOLIDAY_RULES) {
    if (rule.calendar !== 'jalali') continue;
    const d = { calendar: 'jalali' as const, year: jalaliYear, month: rule.month, day: rule.day as number };
    if (rule.day !== 'last' && d.day <= (rule.month <= 6 ? 31 : rule.month <= 11 ? 30 : 29)) add(epochDayOf(d), rule, false);
  }
  const hijriYear = Math.floor(((jalaliYear + 621 - 622) * 33) / 32) + 1; // near the Hijri year in progress at Nowruz
  for (let hy = hijriYear - 1; hy <= hijriYear + 2; hy++) {
    for (const rule of IRAN_HOLIDAY_RULES) {
      if (rule.calendar !== 'hijri') continue;
      const start = monthStart(hy, rule.month);
      if (rule.day === 'last') {
        const after = rule.month === 12 ? monthStart(hy + 1, 1) : monthStart(hy, rule.month + 1);
        add(after.epochDay - 1, rule, start.estimated || after.estimated);
      } else add(start.epochDay + rule.day - 1, rule, start.estimated);
    }
  }
  out.sort((a, b) => a.day - b.day);
  return out.map((x) => x.holiday);
}

/** Holidays for a calendar definition, for the Jalali years given (one-off dates; rules stay rules here). */
export function iranianHolidayDates(fromJalaliYear: number, toJalaliYear: number): Holiday[] {
  const out: Holiday[] = [];
  for (let y = fromJalaliYear; y <= toJalaliYear; y++) {
    for (const x of iranianHolidays(y)) out.push({ kind: 'date', date: x.date, name: x.name.fa });
  }
  return out;
}
