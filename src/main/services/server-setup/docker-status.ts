import { CPU_IMAGE, type DockerStatus } from '../../../shared/server-setup'
import { runDocker } from './docker-cli'
import { describeProblem, explainDockerOutput } from './docker-problems'
import { findExecutable } from './find-executable'

/** Asks the docker executable on the PATH whether its daemon answers, and says so in plain words. */
export async function checkDocker(
  env: NodeJS.ProcessEnv,
  timeoutMs = 5_000,
): Promise<DockerStatus> {
  const context = { port: 9001, image: CPU_IMAGE }
  const path = findExecutable('docker', env)
  if (path === null) {
    return {
      state: 'missing',
      path: null,
      version: null,
      message: describeProblem('no-docker', context).message,
    }
  }
  const stdout: string[] = []
  const result = await runDocker(path, ['version', '--format', '{{.Server.Version}}'], {
    env,
    timeoutMs,
    onLine: (line) => {
      if (line.stream === 'stdout') stdout.push(line.text.trim())
    },
  }).done
  const version = stdout.find((line) => line !== '') ?? null
  if (result.code === 0 && version !== null) {
    return { state: 'ready', path, version, message: `Docker ${version} is running.` }
  }
  if (result.code === null && result.spawnError === null) {
    return {
      state: 'unknown',
      path,
      version: null,
      message: `Docker did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
    }
  }
  const problem = result.spawnError
    ? describeProblem('failed', context, result.spawnError.message)
    : explainDockerOutput(result.output, context)
  const state =
    problem.code === 'no-permission'
      ? 'no-permission'
      : problem.code === 'daemon-down'
        ? 'not-running'
        : 'unknown'
  return { state, path, version: null, message: `${problem.message} ${problem.hint}` }
}
