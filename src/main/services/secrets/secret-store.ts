/** Where API keys live. The real one is the OS keychain; tests may use the in-memory one. */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory'
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
  /** `null` when the store can be used, otherwise a plain-language reason it cannot. */
  probe(): Promise<string | null>
}

/** Keeps secrets in this process only: for unit tests and for "this session only" keys. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret)
    },
    delete: async (account) => secrets.delete(account),
    probe: async () => null,
  }
}
