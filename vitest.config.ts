import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  plugins: [svelte()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/**/*.keychain.test.ts', 'tests/unit/**/*.svelte.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'keychain',
          environment: 'node',
          include: ['tests/unit/**/*.keychain.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          environment: 'node',
          include: ['tests/unit/**/*.svelte.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
})
