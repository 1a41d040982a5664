/** Whether an Inference server answers `GET /healthz` with 200 at `baseUrl` (inference-api.md §1). */
export async function probeHealth(baseUrl: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/healthz`, {
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

export interface HealthWait {
  timeoutMs: number
  intervalMs: number
  signal: AbortSignal
}

/** Polls /healthz until it answers (true), the time runs out or the wait is aborted (false). */
export async function waitForHealthy(baseUrl: string, wait: HealthWait): Promise<boolean> {
  const deadline = Date.now() + wait.timeoutMs
  while (!wait.signal.aborted && Date.now() < deadline) {
    if (await probeHealth(baseUrl)) return true
    await new Promise<void>((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        wait.signal.removeEventListener('abort', onAbort)
        resolve()
      }, wait.intervalMs)
      wait.signal.addEventListener('abort', onAbort, { once: true })
    })
  }
  return false
}
