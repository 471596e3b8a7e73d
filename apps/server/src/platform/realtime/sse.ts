import type { LiveFrame } from './types.ts';

/** How long the browser waits before reconnecting a dropped stream (ms), sent once at the start. */
export const RETRY_MS = 3000;

/**
 * One Server-Sent Events frame. The data is one line of JSON (JSON.stringify escapes every line
 * break), so no field can end the frame early or smuggle in a second `event:` line.
 */
export function sseFrame(frame: LiveFrame): string {
  const id = frame.id === undefined ? '' : `id: ${frame.id}\n`;
  return `${id}event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/** A comment line: keeps proxies and the browser from timing the stream out. */
export const HEARTBEAT = ': ping\n\n';

/** Parses a stream's text into frames (tests and tools; the browser has EventSource). */
export function parseSse(text: string): LiveFrame[] {
  const frames: LiveFrame[] = [];
  for (const block of text.split('\n\n')) {
    let event: string | undefined;
    let data: string | undefined;
    let id: number | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
      else if (line.startsWith('id: ')) id = Number(line.slice(4));
    }
    if (event && data !== undefined) frames.push({ event: event as LiveFrame['event'], data: JSON.parse(data), ...(id === undefined ? {} : { id }) });
  }
  return frames;
}
