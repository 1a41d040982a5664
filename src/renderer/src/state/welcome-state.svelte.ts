import { createContext, untrack } from 'svelte'
import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { AppInfo, ConnectionReport } from '../../../shared/contract'
import { profileTemplate, type ProfileKind } from '../../../shared/profile'
import { localPortOf, setupCommands, type SetupStatus } from '../../../shared/server-setup'
import type { DropTarget } from '../core/drop-target'
import type { AppState } from './app-state.svelte'
import { runMenuCommand } from './menu-commands'
import { ThemeState } from './theme-state.svelte'
import { DockerStart } from './welcome-docker.svelte'
import { dropNote, openLaunchTarget } from './welcome-open'
import { saveLocalProfile, saveRemoteProfile } from './welcome-profiles'

/** A Test connection verdict from one of the welcome forms, and what "Use this server" saves. */
export interface WelcomeResult {
  kind: ProfileKind
  report: ConnectionReport
  /** The saved profile tested (dedicated, hosted), or null for an unsaved local URL. */
  profileId: string | null
  url: string
}

/**
 * First run and the app's outer touches: whether the active server answers, the three ways to get
 * one (with Docker started for the user), the samples, drops, launch arguments, menus and theme.
 */
export class WelcomeState {
  server = $state<'checking' | 'up' | 'down'>('checking')
  /** Shown on request (Model → Get a server…) even over an open image. */
  forced = $state(false)
  dismissed = $state(false)
  kind = $state<ProfileKind>('local')
  localUrl = $state('http://localhost:9001')
  dedicatedUrl = $state('https://')
  dedicatedKey = $state('')
  hostedKey = $state('')
  status = $state.raw<SetupStatus | null>(null)
  testing = $state<ProfileKind | null>(null)
  result = $state.raw<WelcomeResult | null>(null)
  /** A problem with a form (an invalid URL, a refused key), shown next to it. */
  error = $state('')
  /** A passing note for drops and launches that opened nothing. */
  note = $state('')
  aboutOpen = $state(false)
  readonly theme = new ThemeState()
  /** Once a server started in Docker answers, its URL is tested like the form's own button would. */
  readonly docker: DockerStart
  readonly commands = $derived(setupCommands(localPortOf(this.localUrl) ?? 9001))

  readonly #api: PromptlabelApi
  readonly #app: AppState
  readonly #activeKey = $derived.by(() => {
    const active = this.#app.profiles.active
    return active ? `${active.id} ${active.baseUrls[0] ?? ''}` : null
  })
  #probes = 0

  /** The first look for a server is under way and nothing is open: the welcome view may follow. */
  readonly firstCheck = $derived.by(
    () =>
      this.server === 'checking' &&
      this.#app.image.current === null &&
      this.#app.project.info === null,
  )
  readonly visible = $derived.by(
    () =>
      this.forced ||
      (!this.dismissed &&
        this.server === 'down' &&
        this.#app.image.current === null &&
        this.#app.project.info === null),
  )

  constructor(api: PromptlabelApi, app: AppState) {
    this.#api = api
    this.#app = app
    this.docker = new DockerStart(api, (url) => {
      this.localUrl = url
      void this.test('local')
    })
  }

  /** Follows the active profile, the server log, menu commands and the OS theme. */
  start(): () => void {
    const stops = [
      this.theme.listen(),
      this.docker.listen(),
      this.#api.subscribe('menu.command', ({ command }) =>
        runMenuCommand(command, this.#app, this),
      ),
    ]
    const stopEffects = $effect.root(() => {
      $effect(() => {
        if (this.#activeKey !== null) untrack(() => void this.probe())
      })
      // A Test connection from the top bar settles the question too.
      $effect(() => {
        const report = this.#app.profiles.report
        if (report) untrack(() => (this.server = report.reachable ? 'up' : 'down'))
      })
    })
    void this.#openLaunchTarget()
    return () => {
      stops.forEach((stop) => stop())
      stopEffects()
    }
  }

  /** Asks whether the active profile's server answers; loads the setup facts when it does not. */
  async probe(): Promise<void> {
    const active = this.#app.profiles.active
    if (!active) return
    if (active.kind === 'local' && this.docker.job === null)
      this.localUrl = active.baseUrls[0] ?? this.localUrl
    const probe = ++this.#probes
    const result = await this.#api.invoke('connection.test', { profileId: active.id })
    if (probe !== this.#probes) return
    this.server = result.ok && result.value.reachable ? 'up' : 'down'
    if (this.server === 'down') await this.loadStatus()
  }

  /** The app's and its runtimes' versions, for the About box. */
  async appInfo(): Promise<AppInfo | null> {
    const info = await this.#api.invoke('app.info', {})
    return info.ok ? info.value : null
  }

  async loadStatus(): Promise<void> {
    const status = await this.#api.invoke('setup.status', {
      url: this.localUrl.trim() || undefined,
    })
    if (!status.ok) return
    this.status = status.value
    this.docker.adopt(status.value.job)
  }

  show(): void {
    this.forced = true
    this.dismissed = false
    void this.loadStatus()
  }

  hide(): void {
    this.forced = false
    this.dismissed = true
  }

  choose(kind: ProfileKind): void {
    this.kind = kind
    this.result = null
    this.error = ''
  }

  /** Tests the form of `kind`: a local URL as typed; a deployment or the hosted API once saved with its key. */
  async test(kind: ProfileKind): Promise<void> {
    this.testing = kind
    this.result = null
    this.error = ''
    try {
      if (kind === 'local') {
        const url = this.localUrl.trim()
        const draft = { ...profileTemplate('local'), baseUrls: [url] }
        const report = await this.#api.invoke('connection.test', { draft })
        if (!report.ok) this.error = report.error.message
        else this.result = { kind, report: report.value, profileId: null, url }
        return
      }
      const apiKey = kind === 'hosted' ? this.hostedKey : this.dedicatedKey
      const form = { url: this.dedicatedUrl, apiKey }
      const saved = await saveRemoteProfile(this.#api, this.#app.profiles.list, kind, form)
      if (!saved.ok) {
        this.error = saved.error.message
        return
      }
      this.#app.profiles.apply(saved.value.list)
      if (kind === 'hosted') this.hostedKey = ''
      else this.dedicatedKey = ''
      const { id, url } = saved.value
      const report = await this.#api.invoke('connection.test', { profileId: id })
      if (!report.ok) this.error = report.error.message
      else this.result = { kind, report: report.value, profileId: id, url }
    } finally {
      this.testing = null
    }
  }

  /** Makes the tested server the active profile and goes to work. */
  async use(): Promise<void> {
    const result = this.result
    if (!result) return
    const saved = result.profileId
      ? await this.#api.invoke('profile.activate', { id: result.profileId })
      : await saveLocalProfile(
          this.#api,
          this.#app.profiles.list,
          this.#app.profiles.active,
          result.url,
        )
    if (!saved.ok) {
      this.error = saved.error.message
      return
    }
    this.#app.profiles.apply(saved.value, true)
    this.#app.profiles.report = result.report
    this.server = result.report.reachable ? 'up' : 'down'
    this.forced = false
    this.result = null
  }

  /** Opens the bundled sample images as a project. */
  async trySamples(): Promise<void> {
    if (this.status === null) await this.loadStatus()
    const dir = this.status?.samplesDir ?? null
    if (dir === null) {
      this.note = 'This copy of Promptlabel has no sample images.'
      return
    }
    this.forced = false
    await this.#app.project.openFolder(dir)
  }

  /** Opens what was dropped on the window, or says why it cannot. */
  async openDropped(target: DropTarget): Promise<void> {
    this.note = dropNote(target) ?? ''
    if (target.kind === 'annotations') {
      const imports = this.#app.imports
      if (!this.#app.project.info) {
        this.note =
          'Open the folder of images these annotations belong to, then drop the file again.'
        return
      }
      imports.setFormat(target.format)
      imports.setSource(target.path)
      imports.show()
      await imports.check()
      return
    }
    if (target.kind !== 'folder' && target.kind !== 'image') return
    this.forced = false
    await this.#app.project.openFolder(target.dir, target.kind === 'image' ? target.key : null)
  }

  async #openLaunchTarget(): Promise<void> {
    const launch = await this.#api.invoke('app.launchArgs', {})
    if (launch.ok && launch.value !== null) await openLaunchTarget(this.#app.project, launch.value)
  }
}

/** Typed context accessors; App provides the one WelcomeState. */
export const [getWelcomeState, setWelcomeState] = createContext<WelcomeState>()
