import { z } from 'zod'

const finite = z.number().finite()
const unit = finite.min(0).max(1)
const className = z.string().trim().min(1).max(200)

/** Box in oriented image pixels, top-left origin (the app's only coordinate space). */
export const boxSchema = z.strictObject({
  x: finite,
  y: finite,
  width: finite.positive(),
  height: finite.positive(),
})

export const groundingDinoSpec = z.strictObject({
  kind: z.literal('grounding-dino'),
  classes: z.array(className).min(1).max(200),
  boxThreshold: unit.default(0.35),
  textThreshold: unit.default(0.25),
  classAgnosticNms: z.boolean().default(false),
})

/** One example box on a reference image; `negative` marks a counter-example (§1.5 caveats apply). */
export const exemplarBoxSchema = z.strictObject({
  box: boxSchema,
  className,
  negative: z.boolean().default(false),
})

export const owlv2Spec = z.strictObject({
  kind: z.literal('owlv2'),
  /** Reference images (opened images, by id) and the example boxes drawn on them. */
  references: z
    .array(
      z.strictObject({
        imageId: z.string().min(1).max(100),
        boxes: z.array(exemplarBoxSchema).max(500),
      }),
    )
    .min(1)
    .max(50),
  /** The server's own default is deliberately high (inference-api.md §1.5). */
  confidence: unit.default(0.99),
  versionId: z.string().trim().min(1).max(100).default('owlv2-large-patch14-ensemble'),
})

export const moondream2Spec = z.strictObject({
  kind: z.literal('moondream2'),
  /** One object name per prompt, one request per prompt (§1.6). */
  prompts: z.array(className).min(1).max(50),
  modelId: z.string().trim().min(1).max(200).default('moondream2/moondream2-2b'),
})

/** A custom model on the legacy `/:project/:version` route (§1.3, §5). */
export const hostedSpec = z.strictObject({
  kind: z.literal('hosted'),
  project: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'A project id has letters, digits, "-", "_" or "."'),
  version: z.number().int().min(0).max(100_000),
  /** Percent, as the hosted docs present them (§5); the local server also reads 0-100. */
  confidence: finite.min(0).max(100).default(40),
  overlap: finite.min(0).max(100).default(30),
  /** Only these classes are kept; applied client-side too, since the local server ignores it. */
  classes: z.array(className).max(200).default([]),
  /** `image`: also fetch the server-rendered picture of its predictions. */
  format: z.enum(['json', 'image']).default('json'),
  /** Send the pixels (base64 body) or let the server fetch a public https URL. */
  imageUrl: z
    .string()
    .trim()
    .regex(/^https:\/\/\S+$/i, 'The image URL must start with https://')
    .max(4000)
    .optional(),
})

export const modelSpec = z.discriminatedUnion('kind', [
  groundingDinoSpec,
  owlv2Spec,
  moondream2Spec,
  hostedSpec,
])
export type ModelSpec = z.infer<typeof modelSpec>
export type ModelSpecInput = z.input<typeof modelSpec>
export type ModelKind = ModelSpec['kind']
export type GroundingDinoSpec = z.infer<typeof groundingDinoSpec>
export type Owlv2Spec = z.infer<typeof owlv2Spec>
export type Moondream2Spec = z.infer<typeof moondream2Spec>
export type HostedSpec = z.infer<typeof hostedSpec>
export type ExemplarBox = z.infer<typeof exemplarBoxSchema>
