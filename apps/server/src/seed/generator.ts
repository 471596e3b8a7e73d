import {
  CITIES,
  CLOSINGS,
  DEPARTMENTS,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_FEMALE_LATIN,
  FIRST_NAMES_MALE,
  FIRST_NAMES_MALE_LATIN,
  FOLLOW_UPS,
  GREETINGS,
  LAST_NAMES,
  LAST_NAMES_LATIN,
  ORGANIZATION_KINDS,
  ORGANIZATION_NAMES,
  TOPICS,
  type Topic,
} from './words.ts';

/**
 * The seed's text and people generator: deterministic for a given seed (mulberry32), so a demo
 * or bench database is the same on every run and a failing test can be replayed.
 */
export class Generator {
  private state: number;
  constructor(seed = 1403) {
    this.state = seed >>> 0;
  }

  /** A generator at this one's point of the sequence, drawing independently from now on. */
  fork(): Generator {
    const copy = new Generator();
    copy.state = this.state;
    return copy;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A person: Persian name, a Latin handle for the email, a mobile number (some written in Persian digits). */
  person(serial: number, domain: string): { name: string; email: string; phone: string; language: 'fa' | 'en' } {
    const female = this.chance(0.5);
    const i = Math.floor(this.next() * FIRST_NAMES_MALE.length);
    const j = Math.floor(this.next() * LAST_NAMES.length);
    const first = female ? FIRST_NAMES_FEMALE[i]! : FIRST_NAMES_MALE[i]!;
    const firstLatin = female ? FIRST_NAMES_FEMALE_LATIN[i]! : FIRST_NAMES_MALE_LATIN[i]!;
    const mobile = `09${this.pick(['12', '13', '19', '35', '36', '01', '21'])}${String(this.int(0, 9_999_999)).padStart(7, '0')}`;
    return {
      name: `${first} ${LAST_NAMES[j]}`,
      email: `${firstLatin}.${LAST_NAMES_LATIN[j]}${serial}@${domain}`,
      phone: this.chance(0.3) ? toPersianDigits(mobile) : mobile,
      language: this.chance(0.9) ? 'fa' : 'en',
    };
  }

  /** An organisation's name, e.g. «گروه صنعتی البرز اصفهان». */
  organization(serial: number): { name: string; domain: string } {
    const kind = this.pick(ORGANIZATION_KINDS);
    const name = this.pick(ORGANIZATION_NAMES);
    const city = this.pick(CITIES);
    return { name: serial < ORGANIZATION_NAMES.length ? `${kind} ${name}` : `${kind} ${name} ${city} ${toPersianDigits(String(serial))}`, domain: `org${serial}.example.test` };
  }

  topic(): Topic {
    return this.pick(TOPICS);
  }

  /** A request in the requester's words: title and a description of two to four sentences. */
  request(topic: Topic): { title: string; description: string; tags: string[] } {
    const english = this.chance(0.08);
    const title = english ? this.pick(topic.titlesEn) : this.pick(topic.titles);
    const parts = [this.pick(GREETINGS), this.pick(topic.details)];
    if (this.chance(0.5)) parts.push(this.pick(topic.details));
    if (this.chance(0.4)) parts.push(`واحد ${this.pick(DEPARTMENTS)}، داخلی ${toPersianDigits(String(this.int(100, 899)))}.`);
    parts.push(this.pick(CLOSINGS));
    const tags = [topic.tag];
    if (this.chance(0.2)) tags.push(this.pick(['فوری', 'urgent', 'vip', 'مدیریت']));
    return { title, description: [...new Set(parts)].join(' '), tags };
  }

  reply(topic: Topic): string {
    return this.pick(topic.replies);
  }

  note(topic: Topic): string {
    return this.pick(topic.notes);
  }

  followUp(): string {
    return this.pick(FOLLOW_UPS);
  }
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

export function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!);
}
