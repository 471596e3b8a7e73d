import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// One app, two entries with their own bundles: the agent workspace at / and the portal at /portal/.
// Each entry is its own build (PISHKHAN_WEB_ENTRY=agent, then portal, into one dist): nothing the
// workspace's screens share is loaded by the portal's first screen. Hashed assets go to
// dist/assets (the server caches them as immutable); the index.html files are no-cache.
const entry = process.env.PISHKHAN_WEB_ENTRY === 'portal' ? 'portal' : 'agent';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    // The agent build runs first and starts from an empty dist; the portal build adds to it.
    emptyOutDir: entry === 'agent',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: { [entry]: path.join(import.meta.dirname, entry === 'portal' ? 'portal/index.html' : 'index.html') },
    },
  },
});
