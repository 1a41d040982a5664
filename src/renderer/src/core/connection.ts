import type { ConnectionReport, ProfileView } from '../../../shared/contract'

export type ConnectionState = 'idle' | 'testing' | 'ok' | 'warning' | 'unreachable'

/** The dot colour and one line of text for the last connection test. */
export function describeConnection(
  report: ConnectionReport | null,
  testing: boolean,
): { state: ConnectionState; text: string } {
  if (testing) return { state: 'testing', text: 'Testing…' }
  if (!report) return { state: 'idle', text: 'Not tested' }
  return { state: connectionState(report), text: verdictLine(report) }
}

/** The verdict naming the address it is about, so a field typed since cannot be mistaken for it. */
export function verdictLine(report: ConnectionReport): string {
  return report.url === '' || report.message.includes(report.url)
    ? report.message
    : `${report.url}: ${report.message}`
}

/** Reachable but not usable as it stands (unhealthy, key refused or missing, not an Inference server) is a warning. */
export function connectionState(report: ConnectionReport): 'ok' | 'warning' | 'unreachable' {
  if (!report.reachable) return 'unreachable'
  const keyProblem = report.key === 'rejected' || report.key === 'missing'
  return keyProblem || report.healthy === false || report.serverName === null ? 'warning' : 'ok'
}

/** Where a profile's key is, in words. */
export function describeKeyStorage(
  profile: Pick<ProfileView, 'hasApiKey' | 'keyStorage'> | null,
): string {
  if (profile === null) return ''
  if (!profile.hasApiKey) return 'No key set'
  return profile.keyStorage === 'session'
    ? 'Key set (this session only)'
    : 'Key set (stored in OS keychain)'
}
