import { createContext } from 'svelte'
import type { PromptlabelApi } from '../../../shared/bridge-api'
import { DetectionState } from './detection-state.svelte'
import { ErrorState } from './error-state.svelte'
import { ImageState } from './image-state.svelte'
import { ModelState, SCHEMA_MODEL_DEFAULTS } from './model-state.svelte'
import { ProfileState } from './profile-state.svelte'
import { ViewState } from './view-state.svelte'

/** The composition root of the renderer: every state object, wired to the one api it is given. */
export class AppState {
  readonly errors = new ErrorState()
  /** The chosen model and its editors; model ids default to the active profile's. */
  readonly models = new ModelState(() => this.profiles.active?.defaults ?? SCHEMA_MODEL_DEFAULTS)
  readonly view = new ViewState()
  readonly profiles: ProfileState
  readonly image: ImageState
  readonly detection: DetectionState

  constructor(api: PromptlabelApi) {
    this.profiles = new ProfileState(api, this.errors)
    this.image = new ImageState(api, this.errors, (image) => this.view.setImage(image))
    this.detection = new DetectionState(api, this.errors, this.image, this.models, this.view)
  }

  /** Loads settings and starts listening to main; returns what undoes the listening. */
  start(): () => void {
    const stop = this.detection.listen()
    void this.profiles.load()
    return stop
  }
}

/** Typed context accessors; the App component provides the one AppState. */
export const [getAppState, setAppState] = createContext<AppState>()
