import type { ContactSearchSource, OrganizationSearchSource } from '../people/index.ts';
import type { TicketSearchSource } from '../tickets/index.ts';
import type { SearchDocument } from '../../platform/search/index.ts';

/**
 * Records as search documents (original text; the port normalises). Kept pure so that the
 * snippet of a hit is cut from exactly the text that was indexed.
 */

/** A phone as the index holds it: as written, its E.164 digits (the token every query spelling reaches) and the national form. */
function phoneWords(phones: ContactSearchSource['phones']): string[] {
  return phones.flatMap((p) => [p.phone, p.e164.slice(1), p.e164.startsWith('+98') ? `0${p.e164.slice(3)}` : '']).filter(Boolean);
}

export function ticketDocument(t: TicketSearchSource, requester: ContactSearchSource | undefined, prefix: string): SearchDocument {
  const body = [t.description, ...t.articles.filter((a) => !a.internal).map((a) => a.body)].filter((s) => s.trim() !== '').join('\n\n');
  const internal = t.articles.filter((a) => a.internal).map((a) => a.body).join('\n\n');
  const meta = [`#${t.number}`, prefix && prefix !== '#' ? `${prefix}${t.number}` : '', requester?.name ?? '', ...(requester?.emails ?? []), ...phoneWords(requester?.phones ?? [])]
    .filter(Boolean)
    .join(' · ');
  return { kind: 'ticket', id: t.id, title: t.title, body, internal, meta, updatedAt: t.updatedAt };
}

export function contactDocument(c: ContactSearchSource): SearchDocument {
  return {
    kind: 'contact',
    id: c.id,
    title: c.name,
    body: c.organizationName ?? '',
    internal: c.notes,
    meta: [...c.emails, ...phoneWords(c.phones)].join(' · '),
    updatedAt: c.updatedAt,
  };
}

export function organizationDocument(o: OrganizationSearchSource): SearchDocument {
  return { kind: 'organization', id: o.id, title: o.name, body: '', internal: o.notes, meta: '', updatedAt: o.updatedAt };
}
