import { parseSse, type LiveFrame } from '../src/platform/realtime/index.ts';

export { signInOver } from './fixtures/server-process.ts';

/** A live stream (GET /api/v1/live) read over a real socket, frame by frame. */
export interface LiveStream {
  status: number;
  frames: LiveFrame[];
  /** Resolves with the first frame (after those already seen, from `from`) that matches; rejects after `ms`. */
  next(match: (f: LiveFrame) => boolean, ms?: number): Promise<LiveFrame>;
  close(): void;
}

export async function openLive(url: string, headers: Record<string, string>, path = '/api/v1/live'): Promise<LiveStream> {
  const abort = new AbortController();
  const res = await fetch(`${url}${path}`, { headers, signal: abort.signal });
  const frames: LiveFrame[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  let done = false;
  if (res.body && res.headers.get('content-type')?.startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          const cut = buffer.lastIndexOf('\n\n');
          if (cut < 0) continue;
          frames.push(...parseSse(buffer.slice(0, cut + 2)));
          buffer = buffer.slice(cut + 2);
          for (const w of waiters.splice(0)) w();
        }
      } catch {
        // aborted
      }
      done = true;
      for (const w of waiters.splice(0)) w();
    })();
  }
  let seen = 0;
  return {
    status: res.status,
    frames,
    async next(match, ms = 5000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const i = frames.findIndex((f, index) => index >= seen && match(f));
        if (i >= 0) {
          seen = i + 1;
          return frames[i]!;
        }
        if (done) throw new Error(`stream ended; frames: ${JSON.stringify(frames)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching frame within ${ms} ms; frames: ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
    },
    close: () => abort.abort(),
  };
}
