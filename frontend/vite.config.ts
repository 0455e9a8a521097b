/// <reference types="vitest/config" />
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type ProxyOptions } from 'vite'

// The Go server the dev server and `vite preview` forward API traffic to.
const backend = process.env.CPANET_BACKEND ?? 'http://127.0.0.1:8080'

// Anchored so that client-side routes such as /goals or /postbacks stay with Vite.
const proxy: Record<string, ProxyOptions> = {
  '^/graphql(?:[/?]|$)': { target: backend },
  '^/postback(?:[/?]|$)': { target: backend },
  '^/go/': { target: backend },
  '^/export/': { target: backend },
}

/**
 * keepDistPlaceholder rewrites dist/.keep after each build. The Go binary embeds dist with
 * `//go:embed all:dist`, which needs the directory to exist in a clean clone; the empty
 * .keep committed there is that placeholder, and Vite's emptyOutDir would delete it.
 */
function keepDistPlaceholder(): Plugin {
  let outDir = ''
  return {
    name: 'cpanet:keep-dist-placeholder',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      writeFileSync(resolve(outDir, '.keep'), '')
    },
  }
}

export default defineConfig({
  plugins: [react(), keepDistPlaceholder()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget that matters is scripts/size.mjs (initial JS); lazy route chunks may be larger.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy },
  preview: { proxy },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
})
