/** Getting a detection server, native menus and launch arguments: the data that crosses the seam. */

/** Name the app gives the container it starts, so it can find it again (start, stop, logs). */
export const CONTAINER_NAME = 'promptlabel-inference'
export const CPU_IMAGE = 'roboflow/roboflow-inference-server-cpu'
export const GPU_IMAGE = 'roboflow/roboflow-inference-server-gpu'
/** The port the official images listen on inside the container (inference-api.md §1). */
export const SERVER_PORT = 9001

/** What the app found out about Docker on this machine. */
export type DockerState = 'missing' | 'ready' | 'not-running' | 'no-permission' | 'unknown'

export interface DockerStatus {
  state: DockerState
  /** The `docker` executable found on the PATH. */
  path: string | null
  /** The daemon's version, when it answered. */
  version: string | null
  /** One plain sentence about the state, for the welcome view. */
  message: string
}

/** Why starting a server failed, in the terms a user can act on. */
export type SetupProblemCode =
  | 'no-docker'
  | 'no-permission'
  | 'daemon-down'
  | 'port-taken'
  | 'pull-failed'
  | 'name-in-use'
  | 'gpu-unavailable'
  | 'exited'
  | 'timeout'
  | 'failed'

export interface SetupProblem {
  code: SetupProblemCode
  /** What went wrong, in plain words. */
  message: string
  /** What to do about it. */
  hint: string
}

export type SetupPhase = 'starting' | 'pulling' | 'waiting' | 'ready' | 'failed' | 'stopped'

export interface SetupLine {
  /** Who wrote it: docker itself, the server in its container, or the app narrating. */
  source: 'docker' | 'server' | 'app'
  text: string
}

/** A start of the local server, as the welcome view follows it. */
export interface SetupJob {
  jobId: string
  phase: SetupPhase
  url: string
  gpu: boolean
  /** The most recent output lines (older ones are dropped). */
  lines: SetupLine[]
  problem: SetupProblem | null
}

/** One step of a start: a line of output, a phase change, or both. */
export interface SetupLogEvent {
  jobId: string
  phase: SetupPhase
  line: SetupLine | null
  problem: SetupProblem | null
}

export interface SetupStatus {
  docker: DockerStatus
  /** Whether something answers GET /healthz at the URL asked about. */
  server: { url: string; answering: boolean }
  /** The latest start in this session, so a reloaded view can pick it up. */
  job: SetupJob | null
  /** The bundled sample images, when this build ships them. */
  samplesDir: string | null
}

/** The exact commands a user can paste to start a local server themselves. */
export interface SetupCommands {
  port: number
  pip: string
  cli: string
  dockerCpu: string
  dockerGpu: string
}

/** Arguments of `docker run` for the app's container, host port mapped to the server's 9001. */
export function dockerRunArgs(options: { gpu: boolean; port: number }): string[] {
  return [
    'run',
    '-d',
    '--name',
    CONTAINER_NAME,
    '-p',
    `${options.port}:${SERVER_PORT}`,
    ...(options.gpu ? ['--gpus', 'all'] : []),
    '-e',
    'CORE_MODEL_OWLV2_ENABLED=true',
    options.gpu ? GPU_IMAGE : CPU_IMAGE,
  ]
}

export function setupCommands(port = SERVER_PORT): SetupCommands {
  return {
    port,
    pip: 'pip install inference-cli',
    cli: port === SERVER_PORT ? 'inference server start' : `inference server start --port ${port}`,
    dockerCpu: ['docker', ...dockerRunArgs({ gpu: false, port })].join(' '),
    dockerGpu: ['docker', ...dockerRunArgs({ gpu: true, port })].join(' '),
  }
}

/** The port of a local server URL (its default 9001 when the URL names none), or null if not local. */
export function localPortOf(url: string): number | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null
  if (parsed.port !== '') return Number(parsed.port)
  return parsed.protocol === 'http:' ? 80 : 443
}

/** What a folder or file passed on the command line should open as. */
export interface LaunchTarget {
  path: string
  kind: 'folder' | 'project' | 'image'
  /** The folder to open: the folder itself, the project's folder, or the image's folder. */
  dir: string
}
