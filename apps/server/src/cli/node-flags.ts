/**
 * How Node runs the server (ADR 0030): TypeScript straight from source through Node's own type
 * stripping (no loader, no esbuild), and a young generation capped at 8 MB per semi-space. Left to
 * itself V8 grows the young generation to 64 MB a semi-space on a large machine and keeps it: about
 * 100 MB of an idle server's memory. `npm start` (package.json) runs exactly these flags, and the
 * tests and benchmarks that start the server as a real process use this list (a test holds the two
 * equal).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
