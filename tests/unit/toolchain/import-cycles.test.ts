import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { circlesIn, describeCircles, importCircles } from '../../support/import-cycles'
import { buildImportGraph, importsOf, resolveImport, scriptOf } from '../../support/import-graph'

/** Every .ts and .svelte file under the folders, by its path from the repository root. */
function readSources(folders: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>()
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      const path = join(folder, entry).split('\\').join('/')
      if (/\.(ts|svelte)$/.test(path)) sources.set(path, readFileSync(path, 'utf8'))
    }
  }
  return sources
}

describe('the import graph of src, bench and tests/support', () => {
  it('has no circles: every import between two files points one way', () => {
    const sources = readSources(['src', 'bench', 'tests/support'])
    // A tree this size that resolved nothing would pass vacuously: check the graph is really there.
    const graph = buildImportGraph(sources)
    const edges = [...graph.values()].reduce((sum, imported) => sum + imported.length, 0)
    expect(sources.size).toBeGreaterThan(300)
    expect(edges).toBeGreaterThan(sources.size)
    const circles = describeCircles(graph)
    expect(circles, `import circles:\n${circles.join('\n')}`).toEqual([])
  })
})

/** A graph from inline sources, as the test reads the real tree. */
const graphOf = (files: Record<string, string>) => buildImportGraph(new Map(Object.entries(files)))

describe('describeCircles', () => {
  it('names a circle of three files as a chain from its first file back to it', () => {
    const graph = graphOf({
      'src/a.ts': "import { b } from './b'",
      'src/b.ts': "export { c } from './lib/c'",
      'src/lib/c.ts': "import '../a'",
      'src/d.ts': "import { a } from './a'",
    })
    expect(describeCircles(graph)).toEqual(['src/a.ts -> src/b.ts -> src/lib/c.ts -> src/a.ts'])
  })

  it('counts a file that imports itself', () => {
    expect(describeCircles(graphOf({ 'a.ts': "import { x } from './a'" }))).toEqual([
      'a.ts -> a.ts',
    ])
  })

  it('finds nothing in a graph whose imports all point one way', () => {
    const graph = graphOf({
      'a.ts': "import { b } from './b'\nimport { c } from './c'",
      'b.ts': "import { c } from './c'",
      'c.ts': "import { z } from 'zod'",
    })
    expect(describeCircles(graph)).toEqual([])
  })

  it('counts type-only imports and export-from as couplings', () => {
    const graph = graphOf({
      'a.ts': "import type { B } from './b'",
      'b.ts': "export type { A } from './a'",
    })
    expect(describeCircles(graph)).toEqual(['a.ts -> b.ts -> a.ts'])
    expect(graph.get('a.ts')).toEqual(['b.ts'])
  })

  it('lists each circle of a component once: a hub importing three files that import it back', () => {
    // As export-project did with its writers: three two-file circles in one component of four files.
    const graph = graphOf({
      'hub.ts': "import './w1'\nimport './w2'\nimport './w3'",
      'w1.ts': "import type { T } from './hub'",
      'w2.ts': "import type { T } from './hub'",
      'w3.ts': "import { f } from './hub'",
    })
    expect(importCircles(graph)).toEqual([['hub.ts', 'w1.ts', 'w2.ts', 'w3.ts']])
    expect(describeCircles(graph)).toEqual([
      'hub.ts -> w1.ts -> hub.ts',
      'hub.ts -> w2.ts -> hub.ts',
      'hub.ts -> w3.ts -> hub.ts',
    ])
  })

  it('stops listing at the limit in a component with many circles', () => {
    // Four files that each import all four, themselves too: 4 self-imports and 20 circles between
    // files (6 pairs; 4 triples, each both ways; 3! orders of all four).
    const all = ['a', 'b', 'c', 'd']
    const files = Object.fromEntries(
      all.map((f) => [`${f}.ts`, all.map((g) => `import './${g}'`).join('\n')]),
    )
    const graph = graphOf(files)
    const component = importCircles(graph)[0] ?? []
    expect(circlesIn(graph, component, 1000)).toHaveLength(4 + 20)
    expect(circlesIn(graph, component, 5)).toHaveLength(5)
  })
})

describe('importsOf and resolveImport', () => {
  it('reads every import form, and no import written in a comment or a string', () => {
    const script = [
      "import a, { type B } from './a'",
      "import { type C, type D } from './c'",
      "import * as e from '../e'",
      "export * from './f'",
      "const g = await import('./g')",
      "type H = import('./h').H",
      "// import { x } from './comment'",
      'const text = "import { y } from \'./string\'"',
    ].join('\n')
    expect(importsOf(script)).toEqual(['./a', './c', '../e', './f', './g', './h'])
  })

  it('reads the script blocks of a Svelte component, module script included', () => {
    const component = [
      '<script module lang="ts">',
      "  import type { P } from './p'",
      '</script>',
      '<script lang="ts">',
      "  import Q from './Q.svelte'",
      '</script>',
      "<p>import x from './markup'</p>",
    ].join('\n')
    expect(importsOf(scriptOf('X.svelte', component))).toEqual(['./p', './Q.svelte'])
  })

  it('resolves as written, then .ts, .svelte, .svelte.ts and /index.ts', () => {
    const files = new Set([
      'src/state/app-state.svelte.ts',
      'src/components/Box.svelte',
      'src/core/index.ts',
      'src/core/geometry.ts',
      'src/data.json',
    ])
    const exists = (path: string) => files.has(path)
    const from = 'src/state/view.ts'
    expect(resolveImport(from, './app-state.svelte', exists)).toBe('src/state/app-state.svelte.ts')
    expect(resolveImport(from, './app-state', exists)).toBe('src/state/app-state.svelte.ts')
    expect(resolveImport(from, '../components/Box.svelte', exists)).toBe(
      'src/components/Box.svelte',
    )
    expect(resolveImport(from, '../core', exists)).toBe('src/core/index.ts')
    expect(resolveImport(from, '../core/geometry', exists)).toBe('src/core/geometry.ts')
    expect(resolveImport(from, '../data.json', exists)).toBe('src/data.json')
    expect(resolveImport(from, 'zod', exists)).toBeUndefined()
    expect(resolveImport(from, './missing', exists)).toBeUndefined()
  })
})
