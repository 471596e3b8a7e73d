import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStorage, StagedBlob } from '../../../platform/storage/index.ts';
import { foldHtmlReply, foldReply, type FoldedBody } from '../bodies/fold-quotes.ts';
import { chunksOf, htmlToText, parseMail, type ParsedMail, type RawMessage } from '../parsing/parse-mail.ts';
import { threadIndexRoot } from '../threading/thread-index.ts';
import { safetyFlags } from './safety.ts';

/** A message read and staged before its transaction: parsed, folded, hashed, its bytes and files staged in storage. */
export interface PreparedMail {
  raw: StagedBlob;
  sha256: string;
  size: number;
  dedupKey: string;
  parsed: ParsedMail;
  body: FoldedBody;
  flags: string[];
  threadRoot: string | null;
  files: Array<{ blob: StagedBlob; filename: string; contentType: string; inline: boolean; contentId: string | null }>;
}

/**
 * The slow, read-only part of ingestion (the command's `prepare`): parsing, quote folding and
 * staging bytes must not hold the database (SQLite has one connection). Files are staged, not
 * committed: the command commits them with its rows, or the caller discards them.
 */
export async function prepareMail(storage: BlobStorage, raw: RawMessage, maxBytes: number): Promise<PreparedMail> {
  const chunks = chunksOf(raw);
  const hash = createHash('sha256');
  let size = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.length;
  }
  const sha256 = hash.digest('hex');
  const parsed = await parseMail(raw);
  const body = parsed.text.trim() ? foldReply(parsed.text) : parsed.html ? foldHtmlReply(parsed.html, htmlToText) : { visible: '', folded: '' };
  const staged = await storage.stage(Readable.from(chunks), maxBytes);
  const files: PreparedMail['files'] = [];
  try {
    for (const a of parsed.attachments) {
      if (a.filename === 'message.html') continue; // the original HTML stays inside the raw message
      files.push({ blob: await storage.stage(Readable.from([a.content]), maxBytes), filename: a.filename.slice(0, 255), contentType: a.contentType, inline: a.inline, contentId: a.contentId });
    }
  } catch (error) {
    await Promise.all([staged.discard(), ...files.map((f) => f.blob.discard())]);
    throw error;
  }
  return {
    raw: staged,
    sha256,
    size,
    dedupKey: `${parsed.messageId ?? '-'}:${sha256}`,
    parsed,
    body,
    flags: safetyFlags(parsed),
    threadRoot: threadIndexRoot(parsed.threadIndex),
    files,
  };
}

/** Forget what was staged (a duplicate, a refusal, a failed transaction). Committed blobs are unaffected. */
export async function discardPrepared(p: PreparedMail): Promise<void> {
  await Promise.all([p.raw.discard(), ...p.files.map((f) => f.blob.discard())]).catch(() => undefined);
}
