import { cleanClassName } from './palette'

/** One row of the label picker: a class of the list (with its fixed number) or a new one. */
export interface PickerOption {
  name: string
  /** Position in the class list (its digit is index + 1); null for a class not made yet. */
  index: number | null
}

/**
 * The picker's rows for what the user typed: the classes whose name contains it (case-insensitive),
 * in list order with their own numbers, then "new class" when no class has exactly that name.
 */
export function pickerOptions(classes: readonly string[], typed: string): PickerOption[] {
  const wanted = cleanClassName(typed)
  const needle = wanted?.toLowerCase() ?? ''
  const options: PickerOption[] = classes
    .map((name, index) => ({ name, index }))
    .filter((option) => option.name.toLowerCase().includes(needle))
  if (wanted !== null && !classes.some((name) => name.toLowerCase() === needle))
    options.push({ name: wanted, index: null })
  return options
}

/** The row Enter picks at first: the class shown for drawing when it is listed, else the first. */
export function preferredRow(options: readonly PickerOption[], preferred: string | null): number {
  if (options.length === 0) return -1
  const exact = options.findIndex((o) => o.index !== null && o.name === preferred)
  return exact === -1 ? 0 : exact
}

/** The class a digit key picks while nothing is typed (1 is the first class); null past the list. */
export function classForDigit(classes: readonly string[], key: string): string | null {
  if (!/^[1-9]$/.test(key)) return null
  return classes[Number(key) - 1] ?? null
}
