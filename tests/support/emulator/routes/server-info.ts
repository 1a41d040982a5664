import type { RouteContext, RouteHandler } from '../context'
import { notFoundError } from '../errors'
import type { EmulatorState } from '../state'
import { Validator } from '../validate'
import { BODY, readModelBody } from './request-body'

export const infoRoute: RouteHandler = async (ctx) => ({
  body: {
    name: 'Roboflow Inference Server',
    version: ctx.state.options.version,
    uuid: ctx.state.serverId,
  },
})

export const healthzRoute: RouteHandler = async () => ({ body: { status: 'healthy' } })

export const readinessRoute: RouteHandler = async () => ({ body: { status: 'ready' } })

/** `ModelsDescriptions` in Mode F: GPU figures are null on a CPU-only server (§1.1). */
function modelsDescriptions(state: EmulatorState): unknown {
  return {
    models: state.loadedModels().map((model) => ({
      model_id: model.modelId,
      task_type: model.taskType,
      batch_size: null,
      input_height: model.inputSize,
      input_width: model.inputSize,
      vram_bytes: null,
      request_aliases: [],
      request_paths: [],
    })),
    total_vram_bytes: null,
    gpu_memory_used: null,
    gpu_memory_total: null,
    torch_cuda_allocated: null,
    torch_cuda_reserved: null,
    torch_cuda_allocator_cache: null,
    non_torch_gpu_memory: null,
  }
}

export const registryRoute: RouteHandler = async (ctx) => ({ body: modelsDescriptions(ctx.state) })

function readModelId(ctx: RouteContext): string {
  const body = readModelBody(ctx)
  const v = new Validator()
  const modelId = v.field<string>(body, 'model_id', 'str', BODY, {
    required: true,
    nullable: false,
  })
  v.throwIfAny()
  return modelId as string
}

/** POST /model/add loads hosted models the emulator knows; core models load on first use. */
export const modelAddRoute: RouteHandler = async (ctx) => {
  const modelId = readModelId(ctx)
  if (!ctx.state.options.legacyModels[modelId]) throw notFoundError()
  ctx.useModel({ modelId, taskType: 'object-detection', inputSize: 640 })
  return { body: modelsDescriptions(ctx.state) }
}

export const modelRemoveRoute: RouteHandler = async (ctx) => {
  ctx.state.removeModel(readModelId(ctx))
  return { body: modelsDescriptions(ctx.state) }
}

export const modelClearRoute: RouteHandler = async (ctx) => {
  ctx.state.clearModels()
  return { body: modelsDescriptions(ctx.state) }
}

/** A trimmed OpenAPI document listing only enabled routes, so clients can probe (§6.11). */
export function openApiRoute(paths: Record<string, string[]>): RouteHandler {
  return async (ctx) => ({
    body: {
      openapi: '3.1.0',
      info: { title: 'Roboflow Inference Server', version: ctx.state.options.version },
      paths: Object.fromEntries(
        Object.entries(paths).map(([path, methods]) => [
          path,
          Object.fromEntries(methods.map((m) => [m.toLowerCase(), { summary: `${m} ${path}` }])),
        ]),
      ),
    },
  })
}
