import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/factories.ts';

/**
 * Test helpers for the timeline tests (not a test file itself): multipart bodies built by hand
 * (as a browser sends them) and a look at the attachment store on disk.
 */

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body; filenames are sent as raw UTF-8, as browsers do. */
export function multipart(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pishkhan${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(Buffer.from(head + '\r\n', 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(client: Client, ticketId: number, parts: readonly Part[]): Promise<LightMyRequestResponse> {
  const body = multipart(parts);
  return client.request({ method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, payload: body.payload, headers: body.headers });
}

/** One file part. */
export function file(filename: string, data: Buffer | string, contentType = 'application/octet-stream'): Part {
  return { name: 'file', filename, contentType, data };
}

/** Files in the attachment store: stored blobs and leftover temp files. */
export function storedFiles(t: TestApp): { blobs: string[]; temp: string[] } {
  const root = path.join(t.testDb.dataDir, 'attachments');
  const blobs: string[] = [];
  const temp: string[] = [];
  const walk = (dir: string, into: string[]) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e);
      if (statSync(full).isDirectory()) walk(full, full === path.join(root, 'tmp') ? temp : into);
      else into.push(full);
    }
  };
  walk(root, blobs);
  return { blobs, temp };
}
