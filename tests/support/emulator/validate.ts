import { HttpError } from './errors'

type Loc = (string | number)[]

/** One entry of FastAPI's 422 `detail` list, in pydantic v2's shape (§3). */
export interface Issue {
  type: string
  loc: Loc
  msg: string
  input: unknown
  ctx?: Record<string, unknown>
}

type Kind = 'str' | 'float' | 'int' | 'bool' | 'list' | 'model' | 'any'

type Coerced = { ok: true; value: unknown } | { ok: false; type: string; msg: string }

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 't', 'y'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'f', 'n'])

/** Pydantic lax-mode coercion of one value, as FastAPI validates parsed JSON and query strings. */
export function coerce(kind: Kind, input: unknown): Coerced {
  switch (kind) {
    case 'str':
      return typeof input === 'string'
        ? { ok: true, value: input }
        : { ok: false, type: 'string_type', msg: 'Input should be a valid string' }
    case 'float':
      if (typeof input === 'number' || typeof input === 'boolean')
        return { ok: true, value: Number(input) }
      if (typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input)))
        return { ok: true, value: Number(input) }
      return typeof input === 'string'
        ? {
            ok: false,
            type: 'float_parsing',
            msg: 'Input should be a valid number, unable to parse string as a number',
          }
        : { ok: false, type: 'float_type', msg: 'Input should be a valid number' }
    case 'int':
      return coerceInt(input)
    case 'bool':
      if (typeof input === 'boolean') return { ok: true, value: input }
      if (input === 0 || input === 1) return { ok: true, value: input === 1 }
      if (typeof input === 'string') {
        const word = input.trim().toLowerCase()
        if (TRUE_WORDS.has(word)) return { ok: true, value: true }
        if (FALSE_WORDS.has(word)) return { ok: true, value: false }
        return {
          ok: false,
          type: 'bool_parsing',
          msg: 'Input should be a valid boolean, unable to interpret input',
        }
      }
      return { ok: false, type: 'bool_type', msg: 'Input should be a valid boolean' }
    case 'list':
      return Array.isArray(input)
        ? { ok: true, value: input }
        : { ok: false, type: 'list_type', msg: 'Input should be a valid list' }
    case 'model':
      return isObject(input)
        ? { ok: true, value: input }
        : {
            ok: false,
            type: 'model_attributes_type',
            msg: 'Input should be a valid dictionary or object to extract fields from',
          }
    case 'any':
      return { ok: true, value: input }
  }
}

function coerceInt(input: unknown): Coerced {
  if (typeof input === 'boolean') return { ok: true, value: Number(input) }
  if (typeof input === 'number') {
    if (Number.isInteger(input)) return { ok: true, value: input }
    return {
      ok: false,
      type: 'int_from_float',
      msg: 'Input should be a valid integer, got a number with a fractional part',
    }
  }
  if (typeof input === 'string') {
    if (/^\s*[-+]?\d+\s*$/.test(input)) return { ok: true, value: Number(input) }
    return {
      ok: false,
      type: 'int_parsing',
      msg: 'Input should be a valid integer, unable to parse string as an integer',
    }
  }
  return { ok: false, type: 'int_type', msg: 'Input should be a valid integer' }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

interface FieldOptions {
  required?: boolean
  nullable?: boolean
}

/** Collects pydantic-shaped issues while reading fields, then throws one 422 with all of them. */
export class Validator {
  readonly issues: Issue[] = []

  /** Reads one field; a missing optional or an accepted null gives undefined / null. */
  field<T>(
    object: Record<string, unknown>,
    key: string,
    kind: Kind,
    loc: Loc,
    options: FieldOptions = {},
  ): T | null | undefined {
    if (!(key in object) || object[key] === undefined) {
      if (options.required)
        this.issues.push({
          type: 'missing',
          loc: [...loc, key],
          msg: 'Field required',
          input: object,
        })
      return undefined
    }
    const input = object[key]
    if (input === null && options.nullable !== false) return null
    const result = coerce(kind, input)
    if (result.ok) return result.value as T
    this.issues.push({ type: result.type, loc: [...loc, key], msg: result.msg, input })
    return undefined
  }

  push(issue: Issue): void {
    this.issues.push(issue)
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new HttpError(422, { detail: this.issues })
  }
}

/** Validates an `InferenceRequestImage` or a list of them, as the `Union[List[...], ...]` field does. */
export function checkImageField(
  v: Validator,
  object: Record<string, unknown>,
  key: string,
  loc: Loc,
  allowList = true,
): unknown {
  const input = v.field<unknown>(object, key, 'any', loc, { required: true, nullable: false })
  if (input === undefined) return undefined
  const at = [...loc, key]
  if (allowList && Array.isArray(input)) {
    input.forEach((item, index) =>
      checkImageObject(v, item, [...at, 'list[InferenceRequestImage]', index]),
    )
    return input
  }
  if (allowList) {
    const before = v.issues.length
    checkImageObject(v, input, [...at, 'InferenceRequestImage'])
    if (v.issues.length > before) {
      const loc = [...at, 'list[InferenceRequestImage]']
      v.issues.splice(before, 0, {
        type: 'list_type',
        loc,
        msg: 'Input should be a valid list',
        input,
      })
    }
  } else {
    checkImageObject(v, input, at)
  }
  return input
}

function checkImageObject(v: Validator, input: unknown, loc: Loc): void {
  const asModel = coerce('model', input)
  if (!asModel.ok) {
    v.push({ type: asModel.type, loc, msg: asModel.msg, input })
    return
  }
  v.field(input as Record<string, unknown>, 'type', 'str', loc, { required: true, nullable: false })
}
