import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The production Content-Security-Policy: scripts only from our own origin (no
 * inline scripts, no eval), the simulation worker from our origin, and blob:/data:
 * images for the PNG export (an SVG blob drawn onto a canvas). Inline style
 * attributes stay allowed: React and d3 set them; they cannot run code.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Injects the CSP as a meta tag into every built page (the dev server's HMR needs inline scripts, so build only). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  // The worker's dependencies are found only when it starts; pre-bundle them so the dev server
  // does not reload the page mid-run on first use.
  optimizeDeps: { include: ['comlink', 'd3-force', 'valibot', 'idb-keyval'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: { input: { main: 'index.html', storageCheck: 'storage-check.html' } },
  },
});
