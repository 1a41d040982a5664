import { classColors, classList, cleanClassName } from '../core/palette'
import { UNKNOWN_CLASS_COLOR } from '../core/box-items'

/** The project a class list belongs to; null outside a project (an image opened on its own). */
export interface ClassScope {
  id: string
  classes: readonly string[]
}

/** What the class list needs from the rest of the app. */
export interface ClassLinks {
  project(): ClassScope | null
  /** Saves the list with the project (main only appends: known classes keep their place). */
  persist(projectId: string, classes: readonly string[]): void
}

/**
 * The one class list: a class keeps its number (digit key), colour and export id for the life of the
 * project, because the list only ever grows at its end. The project's list in main is the truth;
 * classes registered here show at once, in the same order main appends them.
 */
export class ClassState {
  /** Registered here and maybe not yet in main's answer, for the project they were added in. */
  #added = $state.raw<{ scope: string | null; names: readonly string[] }>({
    scope: null,
    names: [],
  })
  readonly #links: ClassLinks

  readonly classes = $derived.by(() => {
    const project = this.#links.project()
    const scope = project?.id ?? null
    return classList(project?.classes ?? [], this.#added.scope === scope ? this.#added.names : [])
  })
  readonly colors = $derived(classColors(this.classes))

  constructor(links: ClassLinks) {
    this.#links = links
  }

  /** The colour of a class everywhere (chips, canvas, list, histograms, exports). */
  colorOf(name: string): string {
    return this.colors.get(name) ?? UNKNOWN_CLASS_COLOR
  }

  /** Whether a class is in the list (has a number and a colour). */
  has(name: string): boolean {
    return this.colors.has(name)
  }

  /**
   * Appends the names the list lacks, in the order given (a run's classes in the user's order, a
   * class typed in), and saves them with the project. Returns the clean names.
   */
  register(names: Iterable<string>): string[] {
    const clean = [...names].map(cleanClassName).filter((n): n is string => n !== null)
    const fresh = clean.filter((name, i) => !this.has(name) && clean.indexOf(name) === i)
    if (fresh.length === 0) return clean
    const project = this.#links.project()
    const scope = project?.id ?? null
    const kept = this.#added.scope === scope ? this.#added.names : []
    this.#added = { scope, names: [...kept, ...fresh] }
    if (project) this.#links.persist(project.id, this.classes)
    return clean
  }
}
