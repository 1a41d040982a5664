import { createHash } from 'node:crypto'
import type { LabCut, LabModel } from '../../../shared/lab'
import { LAB_FLOORS, labFloor } from '../../../shared/lab-floors'
import type { ExemplarBox, ModelSpec } from '../../../shared/model-spec'
import { canonical } from '../batch/run-key'
import { moondreamPrompts } from '../inference/moondream2'

/** Bumped when what the lab sends for a candidate changes, so older cached answers stop matching. */
const LAB_REQUEST_VERSION = 1

/** The upload settings a request is made with: both change the pixels the server sees. */
export interface UploadSettings {
  /** Longest uploaded side; 0 sends the full image. */
  maxSide: number
  /** Most base64 bytes per image; 0 = no limit. */
  maxBytes: number
}

/** An OwlV2 reference as the cache key names it: its image by content, and its boxes. */
export interface KeyedReference {
  sha: string
  boxes: readonly ExemplarBox[]
}

/** An OwlV2 reference as sent: also its opened image, by id. */
export interface SentReference extends KeyedReference {
  imageId: string
}

/** The class names a candidate asks for, in its own order. */
export function candidateClasses(model: LabModel): string[] {
  switch (model.kind) {
    case 'grounding-dino':
      return [...new Set(model.classes)]
    case 'moondream2':
      // The same trimming the detector applies, so the names match the boxes it returns.
      return moondreamPrompts(model.prompts)
    case 'hosted':
      return [...new Set(model.classes)]
    case 'owlv2':
      return [
        ...new Set(
          model.references.flatMap((r) =>
            r.boxes.filter((b) => !b.negative).map((b) => b.className),
          ),
        ),
      ]
  }
}

/** What the lab sends for a candidate: its prompt at the floor threshold (LAB_FLOORS). */
export function floorSpec(model: LabModel, references: readonly SentReference[]): ModelSpec {
  switch (model.kind) {
    case 'grounding-dino':
      return { ...model, boxThreshold: labFloor(model) }
    case 'owlv2':
      return {
        kind: 'owlv2',
        references: references.map((r) => ({ imageId: r.imageId, boxes: [...r.boxes] })),
        confidence: LAB_FLOORS.owlv2,
        versionId: model.versionId,
      }
    case 'moondream2':
      return model
    case 'hosted': {
      // One image at a time from the project: no server-side URL, no server-drawn picture.
      const { imageUrl: _url, ...rest } = model
      return { ...rest, confidence: LAB_FLOORS.hostedPercent, format: 'json' }
    }
  }
}

/** Everything of a request except its image that changes the answer: model, version, prompt, parameters. */
function requestMaterial(model: LabModel, references: readonly KeyedReference[]): unknown {
  switch (model.kind) {
    case 'grounding-dino':
      return {
        kind: model.kind,
        version: 'default',
        classes: model.classes,
        boxThreshold: labFloor(model),
        textThreshold: model.textThreshold,
        classAgnosticNms: model.classAgnosticNms,
      }
    case 'owlv2':
      return {
        kind: model.kind,
        versionId: model.versionId,
        confidence: LAB_FLOORS.owlv2,
        references: references.map((r) => ({ image: r.sha, boxes: r.boxes })),
      }
    case 'moondream2':
      return { kind: model.kind, modelId: model.modelId, prompts: moondreamPrompts(model.prompts) }
    case 'hosted':
      return {
        kind: model.kind,
        project: model.project,
        version: model.version,
        classes: model.classes,
        confidence: LAB_FLOORS.hostedPercent,
        overlap: model.overlap,
      }
  }
}

/** A hash of the request's model, prompt (exemplars by content) and parameters, upload included. */
export function requestKey(
  model: LabModel,
  references: readonly KeyedReference[],
  upload: UploadSettings,
): string {
  const material = {
    v: LAB_REQUEST_VERSION,
    request: requestMaterial(model, references),
    upload: { maxSide: upload.maxSide, maxBytes: upload.maxBytes },
  }
  return createHash('sha256').update(canonical(material)).digest('hex').slice(0, 32)
}

/** The cache key of one answer: the image's content hash and the request's hash. */
export function answerKey(imageSha: string, request: string): string {
  return `${imageSha}/${request}`
}

/** The score cut of each scored class: its own where the cut sets one, else the global cut. */
export function cutThresholds(cut: LabCut, classes: readonly string[]): Record<string, number> {
  const thresholds: Record<string, number> = {}
  for (const className of classes) {
    thresholds[className] = Object.hasOwn(cut.perClass, className)
      ? (cut.perClass[className] as number)
      : cut.global
  }
  return thresholds
}
