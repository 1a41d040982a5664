import { createHash } from 'node:crypto'
import type { ModelSpec } from '../../../shared/model-spec'

/** Serialises with sorted keys, so equal settings always hash the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Fingerprint of a model's settings: a resumed run must use the same ones. Reference images are
 * named by path (ids are per session), so the same exemplar set gives the same key tomorrow.
 */
export function computeRunKey(
  model: ModelSpec,
  pathOf: (imageId: string) => string | undefined,
): string {
  const portable =
    model.kind === 'owlv2'
      ? {
          ...model,
          references: model.references.map((r) => ({
            ...r,
            imageId: pathOf(r.imageId) ?? r.imageId,
          })),
        }
      : model
  return `${model.kind}:${createHash('sha256').update(canonical(portable)).digest('hex').slice(0, 16)}`
}
