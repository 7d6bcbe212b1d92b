import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The console is served by the API server at /console from dist/console (src/http/console.ts).
// React's JSX needs no plugin: Vite's own transform compiles it; the React plugin would only add
// fast refresh to the dev server.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // React Query marks its hooks "use client" for server components; a browser bundle has no server side.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } } },
})
