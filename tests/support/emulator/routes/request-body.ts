import { randomUUID } from 'node:crypto'
import type { RouteContext } from '../context'
import { HttpError } from '../errors'
import { parseJsonBody } from '../http-io'
import { coerce, type Validator } from '../validate'

export const BODY: (string | number)[] = ['body']

/** The JSON body as FastAPI hands it to a single pydantic body model, or its 422. */
export function readModelBody(ctx: RouteContext): Record<string, unknown> {
  const body = parseJsonBody(ctx.req.headers['content-type'], ctx.raw)
  if (body === undefined)
    throw new HttpError(422, {
      detail: [{ type: 'missing', loc: BODY, msg: 'Field required', input: null }],
    })
  const model = coerce('model', body)
  if (!model.ok)
    throw new HttpError(422, {
      detail: [{ type: model.type, loc: BODY, msg: model.msg, input: body }],
    })
  return body as Record<string, unknown>
}

export interface CommonFields {
  id: string
  autoOrient: boolean
}

/** Fields every request inherits from BaseRequest and CVInferenceRequest (§1.0). */
export function checkCommonFields(v: Validator, body: Record<string, unknown>): CommonFields {
  const id = v.field<string>(body, 'id', 'str', BODY, { nullable: false })
  v.field(body, 'api_key', 'str', BODY)
  v.field(body, 'usage_billable', 'bool', BODY, { nullable: false })
  v.field(body, 'start', 'float', BODY)
  v.field(body, 'source', 'str', BODY)
  v.field(body, 'source_info', 'str', BODY)
  v.field(body, 'disable_model_monitoring', 'bool', BODY, { nullable: false })
  const noOrient = v.field<boolean>(body, 'disable_preproc_auto_orient', 'bool', BODY)
  for (const name of ['contrast', 'grayscale', 'static_crop'])
    v.field(body, `disable_preproc_${name}`, 'bool', BODY)
  return { id: id ?? randomUUID(), autoOrient: noOrient !== true }
}

/** `confidence: float | "best" | "default"`; the named modes fall back to the default (§1.2). */
export function readConfidence(
  v: Validator,
  body: Record<string, unknown>,
  fallback: number,
): number {
  if (body.confidence === 'best' || body.confidence === 'default') return fallback
  return v.field<number>(body, 'confidence', 'float', BODY) ?? fallback
}

/** A `List[str]` field with per-item errors located at their index. */
export function readStringList(
  v: Validator,
  body: Record<string, unknown>,
  key: string,
  options: { required?: boolean; nullable?: boolean } = {},
): string[] | null | undefined {
  const list = v.field<unknown[]>(body, key, 'list', BODY, options)
  if (!list) return list as null | undefined
  list.forEach((item, index) => {
    const result = coerce('str', item)
    if (!result.ok)
      v.push({ type: result.type, loc: [...BODY, key, index], msg: result.msg, input: item })
  })
  return list as string[]
}
