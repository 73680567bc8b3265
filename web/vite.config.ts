import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  // VITE_TILE_URL etc. may live in a repo-level .env
  envDir: repoRoot,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    // Regex key: the source folder web/api/ (client.ts…) shares the /api prefix with the server routes.
    proxy: {
      '^/api/(?![\\w-]+\\.tsx?(\\?|$))': { target: 'http://localhost:3000' },
      '/app-config.js': { target: 'http://localhost:3000' },
    },
  },
});
