import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/** The web view builds to packages/web/dist; `warikan serve` serves it at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
})
