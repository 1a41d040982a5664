import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

/** Node entries besides the Electron main: the loopback bridge, the CLI and the emulator. */
const nodeEntries = {
  index: resolve('src/main/index.ts'),
  bridge: resolve('src/bridge/index.ts'),
  cli: resolve('src/cli/index.ts'),
  emulator: resolve('tests/support/emulator/cli.ts'),
  bench: resolve('bench/index.ts'),
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: nodeEntries },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
})
