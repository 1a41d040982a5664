import { z } from 'zod'
import { AppError } from '../../../shared/errors'

/** Old hosted answers sometimes send image sizes as strings (§5); accept both, as numbers. */
const dimension = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/)
    .transform((s) => Number(s)),
])

const finite = z.number().finite()

/**
 * One ObjectDetectionPrediction (§2.1). Optional fields are `.nullish()` because Mode F sends them
 * as null and Mode O leaves them out (§0, §6.8).
 */
export const predictionSchema = z.object({
  x: finite,
  y: finite,
  width: finite.nonnegative(),
  height: finite.nonnegative(),
  confidence: finite,
  class: z.string(),
  class_id: z.number().int().nullish(),
  class_confidence: finite.nullish(),
  tracker_id: z.number().int().nullish(),
  detection_id: z.string().nullish(),
  parent_id: z.string().nullish(),
})

/** ObjectDetectionInferenceResponse (§2.2), in either serialisation mode (§0). */
export const objectDetectionResponseSchema = z.object({
  visualization: z.string().nullish(),
  inference_id: z.string().nullish(),
  frame_id: z.number().int().nullish(),
  time: finite.nullish(),
  image: z.object({ width: dimension, height: dimension }),
  predictions: z.array(predictionSchema),
})

export type ServerPrediction = z.infer<typeof predictionSchema>
export type ObjectDetectionResponse = z.infer<typeof objectDetectionResponseSchema>

/** Parses a detection response or throws 'bad-response' naming the first thing that was wrong. */
export function parseObjectDetectionResponse(json: unknown): ObjectDetectionResponse {
  const result = objectDetectionResponseSchema.safeParse(json)
  if (result.success) return result.data
  throw new AppError(
    'bad-response',
    `The server's answer was not in the expected form: ${describeIssue(result.error)}.`,
    { hint: 'Check that the address points at a Roboflow Inference server.' },
  )
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (issue === undefined) return 'unknown problem'
  const where = issue.path.length === 0 ? 'the answer' : issue.path.map(String).join('.')
  return `${where}: ${issue.message}`
}
