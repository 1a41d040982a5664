import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ProfileState } from '../../../src/renderer/src/state/profile-state.svelte'
import { createInProcessApi } from '../../support/in-process-api'
import { createTestServices } from '../../support/services'

/**
 * The real services in-process, first start (one local profile at http://localhost:9001), behind a
 * loaded ProfileState; every value crosses as JSON, as it would over the bridge. The services'
 * close goes on `cleanups`.
 */
export async function realProfiles(cleanups: (() => Promise<void>)[], prefix: string) {
  const services = createTestServices(await mkdtemp(join(tmpdir(), `promptlabel-${prefix}-`)))
  cleanups.push(() => services.close())
  const api = createInProcessApi(services)
  const errors = new ErrorState()
  const profiles = new ProfileState(api, errors)
  await profiles.load()
  return { profiles, errors, editor: profiles.editor }
}
