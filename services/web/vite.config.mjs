// Builds the single-page app (services/web/app) into services/web/dist, served by services/web/src.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('./app', import.meta.url).pathname,
  plugins: [preact()],
  build: { outDir: new URL('./dist', import.meta.url).pathname, emptyOutDir: true, sourcemap: true },
  logLevel: 'warn',
});
