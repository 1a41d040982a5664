/** Circles in an import graph: Tarjan's strongly connected components, then each circle as a chain. */
import type { ImportGraph } from './import-graph'

/** Files to the files they import, each list sorted and without repeats. */
function successors(graph: ImportGraph): Map<string, string[]> {
  const next = new Map<string, string[]>()
  for (const [from, to] of graph) next.set(from, [...new Set(to)].sort())
  return next
}

/** The strongly connected components that hold a circle (two or more files, or a file importing itself). */
export function importCircles(graph: ImportGraph): string[][] {
  const next = successors(graph)
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  const connect = (node: string) => {
    index.set(node, index.size)
    low.set(node, index.get(node) as number)
    stack.push(node)
    onStack.add(node)
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to)
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number))
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop() as string
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) {
      components.push(component.sort())
    }
  }
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node)
  return components.sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
}

/**
 * Every simple circle through the files of one component, each from its first file in sorted order
 * back to it (["a", "b", "a"]); at most `limit`, since a large component has very many.
 */
export function circlesIn(
  graph: ImportGraph,
  component: readonly string[],
  limit = 50,
): string[][] {
  const next = successors(graph)
  const members = [...component].sort()
  const circles: string[][] = []
  members.forEach((start, rank) => {
    // Circles through an earlier file were listed from it: only later files may follow `start`.
    const allowed = new Set(members.slice(rank + 1))
    const walk = (path: string[]) => {
      for (const to of next.get(path[path.length - 1] as string) ?? []) {
        if (circles.length >= limit) return
        if (to === start) circles.push([...path, start])
        else if (allowed.has(to) && !path.includes(to)) walk([...path, to])
      }
    }
    walk([start])
  })
  return circles
}

/** One line per circle, "a.ts -> b.ts -> a.ts", grouped by component; empty when there is none. */
export function describeCircles(graph: ImportGraph): string[] {
  return importCircles(graph).flatMap((component) =>
    circlesIn(graph, component).map((circle) => circle.join(' -> ')),
  )
}
