import { decodeWords } from './raw-headers.ts';

export interface DeliveryStatusPart {
  filename: string;
  content: Buffer;
}

/**
 * The `message/delivery-status` parts of a bounce (RFC 3464), which mailparser folds into the
 * text: kept as files ("Delivery report.txt", after the part's Content-Description), with plain
 * line ends. Their fields (Final-Recipient, Status, Action) are what bounce handling reads.
 */
export function deliveryStatusParts(raw: Buffer): DeliveryStatusPart[] {
  const text = raw.toString('latin1');
  const out: DeliveryStatusPart[] = [];
  const pattern = /^Content-Type:[ \t]*message\/delivery-status[^\n]*\n/gim;
  for (const match of text.matchAll(pattern)) {
    const headerStart = text.lastIndexOf('\n--', match.index);
    if (headerStart < 0) continue;
    const headersFrom = text.indexOf('\n', headerStart + 1) + 1;
    const blank = /\r?\n\r?\n/g;
    blank.lastIndex = match.index;
    const sep = blank.exec(text);
    if (!sep) continue;
    const headers = text.slice(headersFrom, sep.index);
    const bodyStart = sep.index + sep[0].length;
    // The line break before the next boundary belongs to the boundary (RFC 2046 5.1.1).
    const boundary = /\r?\n--/g;
    boundary.lastIndex = Math.max(bodyStart - 2, 0);
    const next = boundary.exec(text)?.index ?? -1;
    const body = text.slice(bodyStart, next < 0 ? text.length : next).replace(/\r\n/g, '\n');
    const description = /^Content-Description:[ \t]*([^\r\n]*)/im.exec(headers)?.[1]?.trim();
    out.push({ filename: `${description ? decodeWords(description) : 'delivery-status'}.txt`, content: Buffer.from(body, 'latin1') });
  }
  return out;
}
