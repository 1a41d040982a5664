import {
  contract,
  isChannel,
  type CallOutput,
  type CallParsed,
  type Channel,
} from '../../shared/contract'
import { AppError, type Result } from '../../shared/errors'
import { describeIssues, issueField } from './input-issues'
import type { Logger } from './platform'
import { describeFileError, errorText } from './storage/file-errors'

export type Handler<C extends Channel> = (input: CallParsed<C>) => Promise<CallOutput<C>>
export type Handlers = { [C in Channel]: Handler<C> }

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
    const { issues } = parsed.error
    const field = issueField(issues)
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: describeIssues(issues),
        ...(field === undefined ? {} : { field }),
      },
    }
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return { ok: true, value }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toData() }
    // A file-system failure is told in words; a fault in the app's code stays in the log only.
    const cause = describeFileError(error)
    logger?.error('unexpected error in handler', { channel, error: cause ?? errorText(error) })
    return {
      ok: false,
      error: {
        code: 'internal',
        message: cause ?? 'Something went wrong inside the app. The details are in the log.',
      },
    }
  }
}
