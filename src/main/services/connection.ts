import type { ConnectionReport } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { InferenceHttp } from './inference/http-client'
import type { ServerAccess } from './settings'

/** Pure: reads a `/info` body (Mode F `{name, version, uuid}`, inference-api.md §1.1). */
export function readServerInfo(json: unknown): { name: string | null; version: string | null } {
  if (typeof json !== 'object' || json === null) return { name: null, version: null }
  const record = json as Record<string, unknown>
  return {
    name: typeof record['name'] === 'string' ? record['name'] : null,
    version: typeof record['version'] === 'string' ? record['version'] : null,
  }
}

/** "Test connection": is the server there, what is it, and is it healthy. */
export async function testConnection(
  http: InferenceHttp,
  access: ServerAccess,
): Promise<ConnectionReport> {
  try {
    const info = await http.get(`${access.baseUrl}/info`, { headersTimeoutMs: 10_000 })
    const { name, version } =
      info.status === 200 ? readServerInfo(info.json) : { name: null, version: null }
    const health = await http.get(`${access.baseUrl}/healthz`, { headersTimeoutMs: 10_000 })
    const healthy = health.status === 200
    const what = name ? `${name}${version ? ` ${version}` : ''}` : 'A server'
    return {
      reachable: true,
      serverName: name,
      version,
      healthy,
      message: name
        ? `${what} answered at ${access.baseUrl}${healthy ? ' and reports healthy.' : ', but reports it is not healthy.'}`
        : `Something answered at ${access.baseUrl}, but it does not look like a Roboflow Inference server.`,
    }
  } catch (error) {
    if (error instanceof AppError) {
      return {
        reachable: false,
        serverName: null,
        version: null,
        healthy: null,
        message: error.message,
      }
    }
    throw error
  }
}
