/** The graph of relative imports between source files (pure: the sources come in as text). */
import ts from 'typescript'

/** Files (paths with `/`, e.g. "src/a.ts") to the files they import, `import type` included. */
export type ImportGraph = Map<string, string[]>

/** The script blocks of a `.svelte` file, joined; other files as they are. */
export function scriptOf(path: string, source: string): string {
  if (!path.endsWith('.svelte')) return source
  return [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

/**
 * The specifiers a script imports: import (type-only too) and export-from statements, `import('x')`
 * and `import('x').T`. TypeScript's own scanner reads them, so comments and strings do not count.
 */
export function importsOf(script: string): string[] {
  return ts.preProcessFile(script, true, true).importedFiles.map((file) => file.fileName)
}

/** Joins and normalises `a/b` + `../c` to `a/c`. */
function join(dir: string, relative: string): string {
  const parts = dir === '' ? [] : dir.split('/')
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

/** The file a relative specifier names, tried as written, then with .ts, .svelte, .svelte.ts, /index.ts. */
export function resolveImport(
  from: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined
  const base = join(from.slice(0, Math.max(0, from.lastIndexOf('/'))), specifier)
  return ['', '.ts', '.svelte', '.svelte.ts', '/index.ts']
    .map((suffix) => base + suffix)
    .find(exists)
}

/** The graph of relative imports among `sources` (path to text); imports of other files are left out. */
export function buildImportGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const graph: ImportGraph = new Map()
  for (const [path, source] of sources) {
    const exists = (candidate: string) => sources.has(candidate)
    const imported = importsOf(scriptOf(path, source)).map((s) => resolveImport(path, s, exists))
    graph.set(
      path,
      imported.filter((to): to is string => to !== undefined),
    )
  }
  return graph
}
