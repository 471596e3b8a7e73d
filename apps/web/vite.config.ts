import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// One app, two entries with their own bundles: the agent workspace at / and the portal at /portal/.
// Hashed assets go to dist/assets (the server caches them as immutable); index.html files are no-cache.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        agent: path.join(import.meta.dirname, 'index.html'),
        portal: path.join(import.meta.dirname, 'portal/index.html'),
      },
    },
  },
});
