import {
  contract,
  isChannel,
  type CallOutput,
  type CallParsed,
  type Channel,
} from '../../shared/contract'
import { AppError, type Result } from '../../shared/errors'
import type { Logger } from './platform'

export type Handler<C extends Channel> = (input: CallParsed<C>) => Promise<CallOutput<C>>
export type Handlers = { [C in Channel]: Handler<C> }

/** Summarises a zod failure as one sentence naming the field, for the error bar. */
function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const first = issues[0]
  if (!first) return 'The request was not valid.'
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : ''
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : ''
  return `${where}${first.message}${more}`
}

/**
 * Transport-agnostic entry for every call: checks the channel, validates the input against the
 * contract, runs the handler, and turns every outcome (including a throw) into Result data.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
  logger?: Logger,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: {
        code: 'unknown-channel',
        message: `Unknown call "${String(channel).slice(0, 80)}".`,
      },
    }
  }
  const parsed = contract[channel].input.safeParse(input ?? {})
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-input', message: describeIssues(parsed.error.issues) },
    }
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return { ok: true, value }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toData() }
    logger?.error('unexpected error in handler', {
      channel,
      error: error instanceof Error ? error.message : String(error),
    })
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside the app. The details are in the log.',
      },
    }
  }
}
