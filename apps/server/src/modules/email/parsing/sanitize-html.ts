import type sanitize from 'sanitize-html';

/**
 * HTML from outside is shown only through this strict allow-list: text formatting, lists, tables,
 * links (http, https, mailto; opened without referrer) and inline images by `cid:` only. Remote
 * images (tracking pixels), scripts, styles, forms, frames and event handlers never survive.
 * `cid:` sources are rewritten by the caller to the attachment's download URL once it is stored.
 */
const OPTIONS: sanitize.IOptions = {
  allowedTags: [
    'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
    'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small',
    'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The <head> goes, but its <title> is kept as the first paragraph: old mailers (FrontPage, MIME::Lite)
  // put the message's heading there, and Zammad shows it too.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'xml', 'meta', 'link', 'base'],
  transformTags: {
    title: 'p',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noreferrer noopener', target: '_blank' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^cid:/i.test(frame.attribs.src ?? ''),
};

/** The sanitiser (sanitize-html loaded on first use): the allow-list above; remote images are dropped, `cid:` images kept. */
export async function loadSanitizer(): Promise<(html: string) => string> {
  const { default: sanitizeHtml } = await import('sanitize-html');
  return (html) => sanitizeHtml(legacyEntities(html), { ...OPTIONS, allowedAttributes: { ...OPTIONS.allowedAttributes, a: ['href', 'title', 'rel', 'target'] } }).trim();
}

/**
 * HTML 4's &lang; and &rang; were U+2329/U+232A (the angle brackets CJK text uses);
 * HTML 5 moved them to U+27E8/U+27E9. Mail is mostly HTML 4: it keeps the old meaning.
 */
function legacyEntities(html: string): string {
  return html.replace(/&lang;/g, '\u2329').replace(/&rang;/g, '\u232a');
}
