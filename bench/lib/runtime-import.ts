/**
 * Imports a development package at run time instead of bundling it: electron-vite bundles whatever
 * is not in `dependencies`, and Playwright and Prettier must stay the installed copies.
 */
export async function importInstalled<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T
}
