import { createContext } from 'svelte'
import type { PromptlabelApi } from '../../../shared/bridge-api'
import { DetectionState } from './detection-state.svelte'
import { ErrorState } from './error-state.svelte'
import { ImageState } from './image-state.svelte'
import { PromptState } from './prompt-state.svelte'
import { ServerState } from './server-state.svelte'
import { ViewState } from './view-state.svelte'

/** The composition root of the renderer: every state object, wired to the one api it is given. */
export class AppState {
  readonly errors = new ErrorState()
  readonly prompt = new PromptState()
  readonly view = new ViewState()
  readonly server: ServerState
  readonly image: ImageState
  readonly detection: DetectionState

  constructor(api: PromptlabelApi) {
    this.server = new ServerState(api, this.errors)
    this.image = new ImageState(api, this.errors, (image) => this.view.setImage(image))
    this.detection = new DetectionState(api, this.errors, this.image, this.prompt)
  }

  /** Loads settings and starts listening to main; returns what undoes the listening. */
  start(): () => void {
    const stop = this.detection.listen()
    void this.server.load()
    return stop
  }
}

/** Typed context accessors; the App component provides the one AppState. */
export const [getAppState, setAppState] = createContext<AppState>()
