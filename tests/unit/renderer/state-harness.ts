import type { PromptlabelApi } from '../../../src/shared/bridge-api'
import type { DetectionResult, ImageInfo } from '../../../src/shared/contract'
import type { ModelDefaults } from '../../../src/renderer/src/core/model-specs'
import { DetectionState } from '../../../src/renderer/src/state/detection-state.svelte'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ImageState } from '../../../src/renderer/src/state/image-state.svelte'
import { ModelState } from '../../../src/renderer/src/state/model-state.svelte'
import { ViewState } from '../../../src/renderer/src/state/view-state.svelte'

/** The image, model and detection states wired as AppState wires them, without the profile side. */
export function createWorkspace(api: PromptlabelApi, defaults?: () => ModelDefaults) {
  const errors = new ErrorState()
  const view = new ViewState()
  const models = new ModelState(defaults)
  const image = new ImageState(api, errors, (opened) => view.setImage(opened))
  const detection = new DetectionState(api, errors, image, models, view)
  return { errors, view, models, image, detection }
}

export const image = (id: string): ImageInfo => ({
  id,
  path: `/images/${id}.jpg`,
  name: `${id}.jpg`,
  width: 400,
  height: 300,
  url: `app-image://${id}`,
  format: 'jpeg',
})

export const result = (
  requestId: string,
  imageId: string,
  extra: Partial<DetectionResult> = {},
): DetectionResult => ({
  requestId,
  imageId,
  model: 'grounding-dino',
  width: 400,
  height: 300,
  detections: [
    { id: 'd1', className: 'dog', confidence: 0.9, box: { x: 1, y: 2, width: 30, height: 40 } },
  ],
  mapping: [{ prompt: 'dog', className: 'dog' }],
  uploadWidth: 400,
  uploadHeight: 300,
  uploadBytes: 1000,
  serverTime: null,
  elapsedMs: 120,
  warnings: [],
  renderedImageUrl: null,
  ...extra,
})
