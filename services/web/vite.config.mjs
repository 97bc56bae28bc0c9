// Builds the single-page app (services/web/app) into services/web/dist, served by services/web/src.
// An installable PWA: the app shell is precached by a service worker, so the field log opens with no
// connection; API calls are never cached (the outbox in IndexedDB keeps what is recorded offline).
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: new URL('./app', import.meta.url).pathname,
  plugins: [
    preact(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: {
        name: 'Tổ Công nghệ số cộng đồng',
        short_name: 'Tổ CNSCĐ',
        description: 'Ghi thăm hộ, chỉ tiêu, báo cáo / Field log, indicators, reports',
        lang: 'vi',
        start_url: '/',
        display: 'standalone',
        theme_color: '#b71c1c',
        background_color: '#fafafa',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/health\//],
      },
    }),
  ],
  build: { outDir: new URL('./dist', import.meta.url).pathname, emptyOutDir: true, sourcemap: true },
  logLevel: 'warn',
});
