import type { ModelSpec } from '../../../shared/model-spec'
import type { DetectorContext, DetectorOutput } from './context'
import { detectGroundingDino } from './grounding-dino'
import { detectHosted } from './hosted'
import { detectMoondream2 } from './moondream2'
import { detectOwlv2 } from './owlv2'

export type {
  DetectionServer,
  DetectorContext,
  DetectorOutput,
  Rendition,
  StatusFn,
  StatusState,
} from './context'
export { createUploadCache, type UploadCache } from './upload-cache'
export { describeRetry, joinUrl } from './request'

/** Runs the detector for the spec's kind. */
export function runDetector(ctx: DetectorContext, spec: ModelSpec): Promise<DetectorOutput> {
  switch (spec.kind) {
    case 'grounding-dino':
      return detectGroundingDino(ctx, spec)
    case 'owlv2':
      return detectOwlv2(ctx, spec)
    case 'moondream2':
      return detectMoondream2(ctx, spec)
    case 'hosted':
      return detectHosted(ctx, spec)
  }
}
