import { spawn, type ChildProcess } from 'node:child_process'

export interface DockerOutputLine {
  stream: 'stdout' | 'stderr'
  text: string
}

export interface DockerRun {
  /** Exit code (null when killed), everything printed, or the error that kept it from starting. */
  done: Promise<{ code: number | null; output: string; spawnError: NodeJS.ErrnoException | null }>
  stop(): void
}

/** Splits a stream into lines; docker's pull progress ends lines with \r as well as \n. */
function lineSplitter(onLine: (text: string) => void): { push(chunk: string): void; end(): void } {
  let rest = ''
  return {
    push(chunk) {
      const parts = (rest + chunk).split(/\r\n|\r|\n/)
      rest = parts.pop() ?? ''
      for (const part of parts) if (part.trim() !== '') onLine(part)
    },
    end() {
      if (rest.trim() !== '') onLine(rest)
      rest = ''
    },
  }
}

/**
 * Runs the docker executable with arguments (never through a shell), streaming its lines as they
 * come; `timeoutMs` kills a command that hangs (a daemon that never answers).
 */
export function runDocker(
  executable: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv
    onLine?: (line: DockerOutputLine) => void
    timeoutMs?: number
  } = {},
): DockerRun {
  let child: ChildProcess | null = null
  let output = ''
  const done = new Promise<Awaited<DockerRun['done']>>((resolve) => {
    let spawnError: NodeJS.ErrnoException | null = null
    child = spawn(executable, args, {
      env: { ...(options.env ?? process.env), DOCKER_CLI_HINTS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    })
    const timer =
      options.timeoutMs === undefined ? null : setTimeout(() => child?.kill(), options.timeoutMs)
    for (const stream of ['stdout', 'stderr'] as const) {
      const splitter = lineSplitter((text) => {
        output += `${text}\n`
        options.onLine?.({ stream, text })
      })
      const source = child[stream]
      source?.setEncoding('utf8')
      source?.on('data', (chunk: string) => splitter.push(chunk))
      source?.on('end', () => splitter.end())
    }
    const finish = (code: number | null): void => {
      if (timer) clearTimeout(timer)
      resolve({ code, output, spawnError })
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error
      // A process that never started emits no 'close' on every Node version.
      if (child?.pid === undefined) finish(null)
    })
    child.on('close', (code) => finish(code))
  })
  return {
    done,
    stop() {
      const running = child as ChildProcess | null
      if (running && running.exitCode === null && !running.killed) running.kill()
    },
  }
}
