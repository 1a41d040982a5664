import type { Services } from '../main/services'
import type { CallInput, CallOutput, Channel } from '../shared/contract'
import type { Result } from '../shared/errors'
import { FatalError } from './errors'

/** `services.invoke` with the contract's types: the CLI goes through the same seam as the app. */
export async function call<C extends Channel>(
  services: Pick<Services, 'invoke'>,
  channel: C,
  input: CallInput<C>,
): Promise<Result<CallOutput<C>>> {
  return (await services.invoke(channel, input)) as Result<CallOutput<C>>
}

/** Unwraps a call that the whole run depends on; its failure ends the run (exit 1). */
export function must<T>(result: Result<T>, context: string): T {
  if (result.ok) return result.value
  const { message, hint } = result.error
  throw new FatalError(`${context}: ${message}`, hint === undefined ? {} : { hint })
}
