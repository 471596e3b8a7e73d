/**
 * What an uploaded file is served as, and the headers that make serving it safe. Pure functions.
 *
 * The type is sniffed from the bytes (file-type); the client's declared type is believed only for
 * plain text. Types a browser would execute or render as a document (HTML, SVG, XML, scripts) are
 * never served as such: they become application/octet-stream. Downloads are always
 * `Content-Disposition: attachment`, `nosniff` and a sandboxing CSP on top.
 */

export const OCTET_STREAM = 'application/octet-stream';

/** Text types we pass through when the client declares them and the bytes look like text. */
const PLAIN_TEXT_TYPES = new Set(['text/plain', 'text/csv']);

const ACTIVE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/xml',
  'text/xml',
  'text/xsl',
  'application/xslt+xml',
  'application/javascript',
  'application/x-javascript',
  'text/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/wasm',
  'application/x-shockwave-flash',
  'text/vtt',
  'multipart/x-mixed-replace',
]);

/** The media type without parameters, lower-cased: "Text/HTML; charset=x" → "text/html". */
export function baseType(type: string | undefined | null): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether a browser could render or run content of this type inside our origin. */
export function isActiveType(type: string): boolean {
  const t = baseType(type);
  return (
    ACTIVE_TYPES.has(t) ||
    t.endsWith('+xml') ||
    t.includes('html') ||
    t.includes('javascript') ||
    t.includes('ecmascript') ||
    t.startsWith('multipart/')
  );
}

/** No NUL bytes and valid UTF-8 at the start (a truncated last character is forgiven). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(head));
    return true;
  } catch {
    return false;
  }
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  // Drop an incomplete multi-byte sequence cut off by the end of the sample (at most 3 bytes).
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > i) end -= i;
    break;
  }
  return bytes.subarray(0, end);
}

/**
 * The content type to store: the sniffed one unless it is active content; else the declared one
 * when it is plain text and the bytes agree; else application/octet-stream.
 */
export function decideContentType(input: { sniffed: string | undefined; declared: string | undefined; head: Uint8Array }): string {
  if (input.sniffed) return isActiveType(input.sniffed) ? OCTET_STREAM : baseType(input.sniffed);
  const declared = baseType(input.declared);
  if (PLAIN_TEXT_TYPES.has(declared) && looksLikeText(input.head)) return declared;
  return OCTET_STREAM;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Bidi embeddings, overrides, isolates and marks: U+202E shows `report\u202Efdp.exe` as "report…pdf". */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** A file name as downloads present it: no bidi controls (they can disguise the extension), no lone surrogates. */
export function downloadName(filename: string): string {
  return filename.replace(BIDI_CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * `attachment` with an ASCII fallback filename and the exact name as RFC 5987 `filename*`
 * (UTF-8, percent-encoded), so Persian names survive and nothing can break out of the header.
 * Bidi controls are stripped from both, so the name reads in the order its characters are in.
 */
export function contentDisposition(filename: string): string {
  const name = downloadName(filename);
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'attachment';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The CSP of every download: nothing loads, scripts never run, even if a browser rendered it. */
export const DOWNLOAD_CSP = "default-src 'none'; sandbox";
