/** Where an agent's browser loads a stored attachment (the tickets module's content route, policy-checked). */
export const attachmentContentUrl = (id: number): string => `/api/v1/attachments/${id}/content`;

/**
 * Points the `cid:` images of sanitised HTML at their stored attachments, so they show inline
 * through the attachment content route (which checks the reader may see the ticket). A cid with
 * no stored file stays as it is (the browser shows nothing for it).
 */
export function rewriteCidLinks(html: string, attachmentIdByCid: ReadonlyMap<string, number>): string {
  return html.replace(/(<img\b[^>]*?\ssrc=)(["'])cid:([^"']+)\2/gi, (whole, head: string, quote: string, cid: string) => {
    const id = attachmentIdByCid.get(decodeCid(cid).toLowerCase());
    return id === undefined ? whole : `${head}${quote}${attachmentContentUrl(id)}${quote}`;
  });
}

function decodeCid(cid: string): string {
  try {
    return decodeURIComponent(cid.replace(/&amp;/g, '&'));
  } catch {
    return cid;
  }
}
