import { z } from 'zod'
import type { Exemplar, ExemplarSet } from './exemplars'

/**
 * The exemplar set as the project saves it (`prompts.owlv2`): images by key when they are in the
 * project's folder (so the set follows the folder), by path otherwise, never by this session's ids.
 */
export const savedExemplarSet = z.object({
  version: z.literal(1),
  confidence: z.number().min(0).max(1).nullable(),
  references: z.array(
    z.object({
      key: z.string().nullable(),
      path: z.string(),
      boxes: z.array(
        z.object({
          box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
          className: z.string().min(1),
          negative: z.boolean(),
        }),
      ),
    }),
  ),
})
export type SavedExemplarSet = z.infer<typeof savedExemplarSet>

export function saveExemplarSet(set: ExemplarSet, confidence: number | null): SavedExemplarSet {
  return {
    version: 1,
    confidence,
    references: set.map((ref) => ({
      key: ref.key,
      path: ref.image.path,
      boxes: ref.boxes.map(({ box, className, negative }) => ({ box, className, negative })),
    })),
  }
}

/** Reads a saved set; anything unreadable gives null (the editor starts empty, nothing is lost on disk). */
export function readExemplarSet(value: unknown): SavedExemplarSet | null {
  const parsed = savedExemplarSet.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** Fresh ids for saved boxes (ids only live in this session). */
export function restoredBoxes(
  boxes: SavedExemplarSet['references'][number]['boxes'],
  newId: () => string,
): Exemplar[] {
  return boxes.map((b) => ({ id: newId(), ...b }))
}
