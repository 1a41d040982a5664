import { join } from 'node:path'
import { z } from 'zod'
import type { RecentProject } from '../../../shared/project'
import { readJsonValidated, writeJsonAtomic } from '../storage/atomic-file'

const KEPT = 12
const schema = z.array(
  z.object({ dir: z.string(), name: z.string(), imagesDir: z.string(), openedAt: z.string() }),
)

/** "Recent projects": the last few opened, newest first, in the app's data folder. */
export function createRecentProjects(dataDir: string) {
  const path = join(dataDir, 'recent-projects.json')
  let cache: RecentProject[] | null = null
  async function list(): Promise<RecentProject[]> {
    if (cache) return cache
    try {
      cache = (await readJsonValidated(path, schema, 'recent projects')) ?? []
    } catch {
      // A damaged list is only a convenience lost: start a new one rather than block opening.
      cache = []
    }
    return cache
  }
  return {
    list,
    async touch(entry: Omit<RecentProject, 'openedAt'>): Promise<void> {
      const next = [
        { ...entry, openedAt: new Date().toISOString() },
        ...(await list()).filter((p) => p.dir !== entry.dir),
      ]
      cache = next.slice(0, KEPT)
      await writeJsonAtomic(path, cache)
    },
  }
}
