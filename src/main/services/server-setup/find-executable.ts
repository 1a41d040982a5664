import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Extensions Windows tries for a bare command name; elsewhere the name is used as is. */
function candidates(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform !== 'win32') return [name]
  const exts = (env['PATHEXT'] ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)
  return [name, ...exts.map((ext) => name + ext.toLowerCase())]
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false
    if (platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The first executable called `name` on the PATH, as a shell would find it; null when none is. */
export function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const path = env['PATH'] ?? env['Path'] ?? ''
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue
    for (const file of candidates(name, env, platform)) {
      const full = join(dir, file)
      if (isExecutableFile(full, platform)) return full
    }
  }
  return null
}
