import { expect, type Locator, type Page } from '@playwright/test'
import type { ProfileKind } from '../../../src/shared/profile'

/** What a test may type into the profile form; numbers in the units the form shows. */
export interface ProfileFormInput {
  name?: string
  urls?: string
  requestTimeoutS?: string
  maxUploadMb?: string
  keyTransport?: 'query' | 'body' | 'header'
}

/** The top bar's profile controls and the "Profiles…" dialog. */
export class ProfilesPage {
  constructor(readonly page: Page) {}

  get select(): Locator {
    return this.page.getByTestId('profile.select')
  }

  get editor(): Locator {
    return this.page.getByTestId('profile.editor')
  }

  get items(): Locator {
    return this.editor.getByTestId('profile.item')
  }

  get fieldErrors(): Locator {
    return this.editor.getByTestId('profile.error')
  }

  get testResult(): Locator {
    return this.editor.getByTestId('profile.test.result')
  }

  get findings(): Locator {
    return this.editor.getByTestId('profile.test.findings')
  }

  item(name: string): Locator {
    return this.items.filter({ has: this.page.getByText(name, { exact: true }) })
  }

  async open(): Promise<void> {
    await this.page.getByTestId('profile.manage').click()
    await expect(this.editor).toBeVisible()
  }

  async fill(input: ProfileFormInput): Promise<void> {
    const field = (name: string) => this.editor.getByTestId(`profile.field.${name}`)
    if (input.name !== undefined) await field('name').fill(input.name)
    if (input.urls !== undefined) await field('urls').fill(input.urls)
    if (input.requestTimeoutS !== undefined)
      await field('request-timeout').fill(input.requestTimeoutS)
    if (input.maxUploadMb !== undefined) await field('max-upload-bytes').fill(input.maxUploadMb)
    if (input.keyTransport !== undefined)
      await field('key-transport').selectOption(input.keyTransport)
  }

  /** New → kind → fields (and a key, stored once the profile exists) → Create. */
  async create(kind: ProfileKind, input: ProfileFormInput, apiKey?: string): Promise<void> {
    await this.editor.getByTestId('profile.new').click()
    await this.editor.getByTestId(`profile.new.${kind}`).click()
    await this.fill(input)
    if (apiKey !== undefined) await this.editor.getByTestId('profile.key').fill(apiKey)
    await this.save()
  }

  async save(): Promise<void> {
    await this.editor.getByTestId('profile.save').click()
    await expect(this.editor.getByTestId('profile.note')).toHaveText('Saved')
  }

  async setKey(apiKey: string): Promise<void> {
    await this.editor.getByTestId('profile.key').fill(apiKey)
    await this.editor.getByTestId('profile.key.set').click()
    await expect(this.editor.getByTestId('profile.key')).toHaveValue('')
  }

  /** Runs Test connection on the form as typed and waits for its verdict. */
  async testConnection(): Promise<Locator> {
    const button = this.editor.getByTestId('profile.test')
    await button.click()
    await expect(button).toBeEnabled({ timeout: 20_000 })
    await expect(this.testResult).toBeVisible()
    return this.testResult
  }

  async duplicate(): Promise<void> {
    const before = await this.items.count()
    await this.editor.getByTestId('profile.duplicate').click()
    await expect(this.items).toHaveCount(before + 1)
  }

  async remove(): Promise<void> {
    const before = await this.items.count()
    await this.editor.getByTestId('profile.delete').click()
    await this.editor.getByTestId('profile.delete.confirm').click()
    await expect(this.items).toHaveCount(before - 1)
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape')
    await expect(this.editor).toHaveCount(0)
  }
}
