import type { ConnectionReport } from '../../../shared/contract'

export type ConnectionState = 'idle' | 'testing' | 'ok' | 'unhealthy' | 'unreachable'

/** The dot colour and one line of text for the last connection test. */
export function describeConnection(
  report: ConnectionReport | null,
  testing: boolean,
): { state: ConnectionState; text: string } {
  if (testing) return { state: 'testing', text: 'Testing…' }
  if (!report) return { state: 'idle', text: 'Not tested' }
  const state = !report.reachable ? 'unreachable' : report.healthy === false ? 'unhealthy' : 'ok'
  const name = [report.serverName, report.version].filter(Boolean).join(' ')
  return { state, text: name ? `${report.message} · ${name}` : report.message }
}
