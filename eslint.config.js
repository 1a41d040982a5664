import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

const nodePlatform = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
]
const restrict = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((group) => ({ group: [group], message })) },
  ],
})

export default tseslint.config(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern, `{}` included.
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  // The runtime is visible in the path (architecture.md): each folder may import only its own world.
  {
    files: ['src/shared/**'],
    rules: restrict(
      [...nodePlatform, 'electron', 'svelte', 'svelte/*', 'konva', 'sharp', 'undici', '@napi-rs/*'],
      'src/shared runs anywhere: nothing platform-specific.',
    ),
  },
  {
    files: ['src/main/services/**', 'src/cli/**', 'src/bridge/**'],
    rules: restrict(
      ['electron', 'svelte', 'svelte/*', 'konva', '**/renderer/**'],
      'Services run under plain Node: never electron or renderer code.',
    ),
  },
  {
    files: ['src/preload/**'],
    rules: restrict(
      [...nodePlatform, 'zod', 'sharp', 'undici', '**/main/**', '**/renderer/**', '**/contract'],
      'The sandboxed preload may use only electron and dependency-free shared names.',
    ),
  },
  {
    files: ['src/renderer/src/core/**'],
    rules: restrict(
      [...nodePlatform, 'electron', 'svelte', 'svelte/*', 'konva', 'sharp', 'undici', '**/main/**'],
      'The renderer core is pure TypeScript: no svelte, konva or Node.',
    ),
  },
  {
    files: ['src/renderer/**'],
    ignores: ['src/renderer/src/core/**'],
    rules: restrict(
      [...nodePlatform, 'electron', 'sharp', 'undici', '@napi-rs/*', '**/main/**'],
      'The renderer runs in the browser: no Node, electron or main-process code.',
    ),
  },
)
