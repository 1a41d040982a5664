import type { ModelKind } from '../shared/contract'
import type { ConnectionReport } from '../shared/profile'
import { call } from './call'
import { FatalError } from './errors'
import { withCliHint } from './format'
import type { Session } from './session'

const ROUTE: Record<ModelKind, keyof ConnectionReport['routes']> = {
  'grounding-dino': 'groundingDino',
  owlv2: 'owlv2',
  moondream2: 'moondream2',
  hosted: 'hostedModels',
}

/**
 * Asks the server once (the app's "Test connection", which runs no model) before a folder is sent:
 * a wrong URL or key would otherwise fail every image in turn. Only definite answers stop the run.
 */
export async function checkServer(session: Session, kind: ModelKind): Promise<void> {
  const result = await call(session.services, 'connection.test', { profileId: session.profile.id })
  if (!result.ok) return
  const report = result.value
  if (!report.reachable) {
    throw new FatalError(`Could not reach the server: ${report.message}`, {
      hint: 'Check the server URL and that the Inference server is running.',
    })
  }
  if (report.key === 'rejected' || report.key === 'missing') {
    const rejected = report.key === 'rejected'
    const { hint } = withCliHint({
      code: rejected ? 'auth-invalid' : 'auth-missing',
      message: report.message,
    })
    throw new FatalError(
      `The server ${rejected ? 'rejected the API key' : 'needs an API key'}; no image was sent.`,
      hint === undefined ? {} : { hint },
    )
  }
  if (report.routes[ROUTE[kind]] === 'disabled') {
    throw new FatalError('The server does not offer this model; no image was sent.', {
      details: report.findings,
    })
  }
}
