/**
 * The web app's build (`npm run build:web`, part of `npm run build`): one Vite + React app for the
 * tracking page (/track/*), the customer portal (/account/*) and the admin (/admin/*), built into
 * dist/web, which the server serves (src/platform/http/web-app.routes.ts). `npm run dev:web` runs
 * Vite's dev server on :5173 and proxies the API to a server on :3000 (`npm run dev`).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress-plugin.js';
import { serviceWorker } from './build/service-worker-plugin.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.WAYBILL_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  base: '/',
  plugins: [react(), serviceWorker({ template: here('src/pwa/sw.js'), publicDir: here('public') }), precompress()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/portal', '/auth', '/openapi.json', '/healthz'].map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
