import { CONTAINER_NAME, type SetupProblem } from '../../../shared/server-setup'

interface Context {
  port: number
  image: string
}

/** Docker's own wording for each failure, most specific first (a pull error can mention a socket). */
const RULES: { code: SetupProblem['code']; pattern: RegExp }[] = [
  {
    code: 'no-permission',
    pattern:
      /permission denied while trying to connect to the docker|docker\.sock.*permission denied/i,
  },
  {
    code: 'daemon-down',
    pattern:
      /cannot connect to the docker daemon|is the docker daemon running|error during connect|docker_engine.*(cannot find|not find)/i,
  },
  { code: 'name-in-use', pattern: /container name .* is already in use/i },
  {
    code: 'port-taken',
    pattern: /port is already allocated|address already in use|ports are not available/i,
  },
  {
    code: 'gpu-unavailable',
    pattern:
      /could not select device driver .*capabilities: \[\[gpu\]\]|nvidia-container-cli|unknown or invalid runtime name: nvidia/i,
  },
  {
    code: 'pull-failed',
    pattern:
      /pull access denied|manifest unknown|manifest for .* not found|no such host|i\/o timeout|tls handshake timeout|request canceled while waiting|client\.timeout exceeded|toomanyrequests|error pulling image|failed to (resolve reference|fetch|copy|do request)|registry-1\.docker\.io/i,
  },
]

/** Plain words for a problem, with what to do next. */
export function describeProblem(
  code: SetupProblem['code'],
  context: Context,
  detail = '',
): SetupProblem {
  const { port, image } = context
  switch (code) {
    case 'no-docker':
      return {
        code,
        message: 'Docker is not installed, or its "docker" command is not on the PATH.',
        hint: 'Install Docker Desktop (macOS, Windows) or Docker Engine (Linux) and try again, or start a server yourself with the inference command shown here.',
      }
    case 'no-permission':
      return {
        code,
        message:
          'Docker is installed, but your user is not allowed to use it (permission denied on the Docker socket).',
        hint: 'On Linux, add yourself to the "docker" group (sudo usermod -aG docker $USER), log out and back in, and try again.',
      }
    case 'daemon-down':
      return {
        code,
        message: 'Docker is installed but not running: its background service did not answer.',
        hint: 'Start Docker Desktop, or on Linux run "sudo systemctl start docker", then try again.',
      }
    case 'port-taken':
      return {
        code,
        message: `Port ${port} is already in use by another program, so the server cannot listen there.`,
        hint: `If a server already runs there, press Test connection. Otherwise stop the other program, or use another port in the URL (for example http://localhost:${port + 1}).`,
      }
    case 'pull-failed':
      return {
        code,
        message: `Docker could not download the server image (${image}).`,
        hint: 'Check the internet connection (and any proxy Docker needs), then try again. The image is several gigabytes, so the first download takes a while.',
      }
    case 'name-in-use':
      return {
        code,
        message: `A container called "${CONTAINER_NAME}" already exists from an earlier start.`,
        hint: `Start the existing container, or remove it ("docker rm -f ${CONTAINER_NAME}") and start a new one.`,
      }
    case 'gpu-unavailable':
      return {
        code,
        message:
          'Docker cannot give the server a GPU: no NVIDIA GPU was found, or the NVIDIA Container Toolkit is missing.',
        hint: 'Install the NVIDIA Container Toolkit, or start the CPU server instead (untick "Use the GPU").',
      }
    case 'exited':
      return {
        code,
        message: 'The server container stopped before it answered.',
        hint: `Read the last lines of its log above; "docker logs ${CONTAINER_NAME}" shows all of it.`,
      }
    case 'timeout':
      return {
        code,
        message: `The server did not answer on port ${port} in time.`,
        hint: 'It may still be starting: press Test connection in a minute, or read the log above.',
      }
    case 'failed':
      return {
        code,
        message:
          detail === '' ? 'Docker reported an error.' : `Docker reported an error: ${detail}`,
        hint: 'Read the log above for details.',
      }
  }
}

/** The last line that looks like an error, for the generic message. */
function errorLine(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const error = [...lines].reverse().find((l) => /error|denied|failed|unable/i.test(l))
  return (error ?? lines.at(-1) ?? '').replace(/^docker: /, '').slice(0, 300)
}

/** Reads what a failed docker command printed and says what went wrong, in plain words. */
export function explainDockerOutput(output: string, context: Context): SetupProblem {
  const rule = RULES.find((r) => r.pattern.test(output))
  return describeProblem(rule?.code ?? 'failed', context, errorLine(output))
}

/** Explains a failure to start the docker executable itself (ENOENT, EACCES). */
export function explainSpawnError(error: NodeJS.ErrnoException, context: Context): SetupProblem {
  if (error.code === 'ENOENT') return describeProblem('no-docker', context)
  return describeProblem('failed', context, error.message)
}
