import { AsyncEntry } from '@napi-rs/keyring'
import { AppError } from '../../../shared/errors'
import type { SecretStore } from './secret-store'

const SERVICE = 'Promptlabel'
const PROBE_ACCOUNT = 'promptlabel-probe'

/** Translates keyring failures into words a user can act on (toolchain.md lists the raw texts). */
export function describeKeychainFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  if (/DBUS_SESSION_BUS_ADDRESS|DBus error.*(connect|address)/i.test(text)) {
    return 'No desktop session bus is running, so the system keychain cannot be reached.'
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service/i.test(text)) {
    return 'No keychain service (such as GNOME Keyring or KWallet) is installed or running.'
  }
  if (/no result found|dismissed|locked/i.test(text)) {
    return 'The system keychain is locked. Unlock it (log in again or open your keyring) and retry.'
  }
  return 'The system keychain could not be used.'
}

/** API keys in the OS keychain via @napi-rs/keyring; Secret Service pinned on Linux (no silent fallback). */
export function createKeychainSecretStore(service = SERVICE): SecretStore {
  const entry = (account: string): AsyncEntry =>
    new AsyncEntry(service, account, { linux: { store: 'secret-service' } })
  const wrap = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action()
    } catch (error) {
      throw new AppError('keychain-unavailable', describeKeychainFailure(error), {
        hint: 'You can keep the key for this session only; it is never written to disk in plain text.',
      })
    }
  }
  return {
    kind: 'keychain',
    get: (account) => wrap(() => entry(account).getPassword()),
    set: (account, secret) => wrap(() => entry(account).setPassword(secret)),
    delete: (account) => wrap(() => entry(account).deleteCredential()),
    async probe() {
      try {
        await entry(PROBE_ACCOUNT).getPassword()
        return null
      } catch (error) {
        return describeKeychainFailure(error)
      }
    },
  }
}
