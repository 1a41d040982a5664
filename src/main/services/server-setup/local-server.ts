import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import {
  CONTAINER_NAME,
  CPU_IMAGE,
  GPU_IMAGE,
  dockerRunArgs,
  localPortOf,
  type SetupJob,
  type SetupLine,
  type SetupLogEvent,
  type SetupPhase,
  type SetupProblem,
} from '../../../shared/server-setup'
import { runDocker, type DockerRun } from './docker-cli'
import { describeProblem, explainDockerOutput, explainSpawnError } from './docker-problems'
import { findExecutable } from './find-executable'
import { probeHealth, waitForHealthy } from './health'

/** Lines kept per job for a view that opens late; the live view gets every line as an event. */
const KEPT_LINES = 300
const ACTIVE: ReadonlySet<SetupPhase> = new Set(['starting', 'pulling', 'waiting'])
/** Docker's wording while it downloads an image it does not have yet. */
const PULLING =
  /unable to find image|pulling from|pulling fs layer|downloading|extracting|waiting$/i

export interface LocalServerOptions {
  env(): NodeJS.ProcessEnv
  emit(event: SetupLogEvent): void
  /** How long a started container may take to answer /healthz (the first start loads a lot). */
  healthTimeoutMs: number
  healthIntervalMs: number
}

export interface StartInput {
  url: string
  gpu: boolean
  /** Start the container left from an earlier run instead of creating one. */
  existing: boolean
}

interface RunningJob {
  data: SetupJob
  abort: AbortController
  children: Set<DockerRun>
}

export interface LocalServer {
  current(): SetupJob | null
  start(input: StartInput): SetupJob
  stop(): Promise<boolean>
  close(): void
}

/** Starts the official server image in Docker, narrates every step, and waits until it answers. */
export function createLocalServer(options: LocalServerOptions): LocalServer {
  let job: RunningJob | null = null

  function update(
    target: RunningJob,
    phase: SetupPhase,
    line: SetupLine | null,
    problem: SetupProblem | null = null,
  ): void {
    const lines = line ? [...target.data.lines, line].slice(-KEPT_LINES) : target.data.lines
    target.data = { ...target.data, phase, lines, problem: problem ?? target.data.problem }
    options.emit({ jobId: target.data.jobId, phase, line, problem })
  }

  function spawnTracked(
    target: RunningJob,
    docker: string,
    args: string[],
    onLine: (text: string) => void,
  ): DockerRun {
    const run = runDocker(docker, args, { env: options.env(), onLine: (l) => onLine(l.text) })
    target.children.add(run)
    void run.done.then(() => target.children.delete(run))
    return run
  }

  async function run(target: RunningJob, input: StartInput, port: number): Promise<void> {
    const context = { port, image: input.gpu ? GPU_IMAGE : CPU_IMAGE }
    const fail = (problem: SetupProblem): void =>
      update(target, 'failed', { source: 'app', text: problem.message }, problem)
    const docker = findExecutable('docker', options.env())
    if (docker === null) return fail(describeProblem('no-docker', context))

    const args = input.existing
      ? ['start', CONTAINER_NAME]
      : dockerRunArgs({ gpu: input.gpu, port })
    update(target, 'starting', { source: 'app', text: `$ docker ${args.join(' ')}` })
    const started = await spawnTracked(target, docker, args, (text) => {
      const phase =
        target.data.phase === 'starting' && PULLING.test(text) ? 'pulling' : target.data.phase
      update(target, phase, { source: 'docker', text })
    }).done
    if (target.abort.signal.aborted) return
    if (started.spawnError) return fail(explainSpawnError(started.spawnError, context))
    if (started.code !== 0) {
      const problem = explainDockerOutput(started.output, context)
      // Docker created the container before the port clash: remove it, or the next try meets its name.
      if (problem.code === 'port-taken' && !input.existing)
        await runDocker(docker, ['rm', CONTAINER_NAME], { env: options.env() }).done
      return fail(problem)
    }

    update(target, 'waiting', {
      source: 'app',
      text: `Waiting for the server to answer at ${input.url}/healthz…`,
    })
    const logs = spawnTracked(
      target,
      docker,
      ['logs', '-f', '--tail', '100', CONTAINER_NAME],
      (text) => update(target, target.data.phase, { source: 'server', text }),
    )
    const wait = new AbortController()
    target.abort.signal.addEventListener('abort', () => wait.abort(), { once: true })
    let exited = false
    void logs.done.then(() => {
      exited = true
      wait.abort()
    })
    const healthy = await waitForHealthy(input.url, {
      timeoutMs: options.healthTimeoutMs,
      intervalMs: options.healthIntervalMs,
      signal: wait.signal,
    })
    if (target.abort.signal.aborted) return
    logs.stop()
    // The log ends when the container stops; one last look in case it answered just before.
    if (healthy || (exited && (await probeHealth(input.url)))) {
      update(target, 'ready', { source: 'app', text: `The server answers at ${input.url}.` })
      return
    }
    fail(describeProblem(exited ? 'exited' : 'timeout', context))
  }

  function stopChildren(target: RunningJob): void {
    target.abort.abort()
    for (const child of target.children) child.stop()
  }

  return {
    current: () => job?.data ?? null,
    start(input) {
      if (job && ACTIVE.has(job.data.phase)) return job.data
      const port = localPortOf(input.url)
      if (port === null) {
        throw new AppError(
          'invalid-input',
          'The app can only start a server on this computer: use a URL like http://localhost:9001.',
        )
      }
      const jobId = randomUUID()
      const target: RunningJob = {
        data: {
          jobId,
          phase: 'starting',
          url: input.url,
          gpu: input.gpu,
          lines: [],
          problem: null,
        },
        abort: new AbortController(),
        children: new Set(),
      }
      job = target
      // Started on the next turn, so every line reaches the caller as an event after this answer.
      setImmediate(() => {
        run(target, input, port).catch((error: unknown) =>
          update(
            target,
            'failed',
            null,
            describeProblem('failed', { port, image: CPU_IMAGE }, String(error)),
          ),
        )
      })
      return target.data
    },
    async stop() {
      const target = job
      if (target) stopChildren(target)
      const docker = findExecutable('docker', options.env())
      if (docker === null) return false
      const stopped = await runDocker(docker, ['stop', CONTAINER_NAME], { env: options.env() }).done
      if (target) {
        const text = stopped.code === 0 ? 'The server was stopped.' : 'No running server to stop.'
        update(target, 'stopped', { source: 'app', text })
      }
      return stopped.code === 0
    },
    close() {
      if (job) stopChildren(job)
    },
  }
}
