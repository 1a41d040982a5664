import type { RouteContext } from '../context'
import { detectLegacy } from '../detectors'
import { notFoundError } from '../errors'
import type { LegacyModel } from '../options'
import { detectionResponse, nms, toPrediction } from '../predictions'
import { findRegions, type RasterImage } from '../regions'
import { drawDetections } from '../visualise'

export interface HostedParams {
  confidence: number
  iouThreshold: number
  classAgnostic: boolean
  classFilter: string[] | null
  maxDetections: number
  visualize: boolean
  labels: boolean
  stroke: number
}

/** Looks up a hosted/custom model and records its use; unknown ids answer 404 (§3). */
export function useHostedModel(ctx: RouteContext, modelId: string): LegacyModel {
  const model = ctx.state.options.legacyModels[modelId]
  if (!model) throw notFoundError()
  ctx.useModel({ modelId, taskType: 'object-detection', inputSize: 640 })
  return model
}

/** One image through a colour-class model; returns the Mode O response and the raw JPEG if drawn. */
export async function inferHosted(
  raster: RasterImage,
  model: LegacyModel,
  params: HostedParams,
  inferenceId: string,
  started: number,
): Promise<{ body: unknown; jpeg: Buffer | null }> {
  let found = detectLegacy(findRegions(raster), model.classes, params.confidence)
  if (params.classFilter) found = found.filter((d) => params.classFilter?.includes(d.className))
  const kept = nms(found, params.iouThreshold, params.classAgnostic).slice(0, params.maxDetections)
  const jpeg = params.visualize
    ? await drawDetections(raster, kept, { stroke: params.stroke, labels: params.labels })
    : null
  const body = detectionResponse(
    {
      visualization: jpeg?.toString('base64') ?? null,
      inferenceId,
      time: (performance.now() - started) / 1000,
      image: { width: raster.width, height: raster.height },
      predictions: kept.map((d) => toPrediction(d)),
    },
    'O',
  )
  return { body, jpeg }
}
