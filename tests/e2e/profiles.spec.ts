import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ProfilesPage } from './pages/profiles-page'
import { freePort } from './pages/welcome-page'

const RIGHT_KEY = 'rf_e2e_RIGHT_key_5f3a9c'
const WRONG_KEY = 'rf_e2e_WRONG_key_77b1d0'

test('creates a profile with a key and tests it: accepted, rejected, unreachable', async ({
  workspace,
  emulator,
}) => {
  emulator.setOptions({ apiKey: RIGHT_KEY, owlv2Enabled: false })
  const profiles = new ProfilesPage(workspace.page)
  await profiles.open()
  await profiles.create('dedicated', { name: 'GPU box', urls: emulator.url }, RIGHT_KEY)

  const created = profiles.item('GPU box')
  await expect(created).toHaveAttribute('data-active', 'false')
  await expect(created).toContainText('key set')
  await expect(profiles.editor.getByTestId('profile.key.status')).toHaveText(
    'Key set (stored in OS keychain)',
  )

  const accepted = await profiles.testConnection()
  await expect(accepted).toHaveAttribute('data-state', 'ok')
  await expect(accepted).toContainText('Connected to Roboflow Inference Server 1.5.0')
  await expect(profiles.findings).toContainText('The API key was accepted.')
  await expect(profiles.findings).toContainText('OwlV2 is not enabled on this server')

  await profiles.setKey(WRONG_KEY)
  const rejected = await profiles.testConnection()
  await expect(rejected).toHaveAttribute('data-state', 'warning')
  await expect(rejected).toContainText('the API key was rejected')

  // An unsaved draft is tested as typed: nothing listens on port 9.
  await profiles.fill({ urls: 'http://127.0.0.1:9' })
  const started = Date.now()
  const unreachable = await profiles.testConnection()
  expect(Date.now() - started).toBeLessThan(5_000)
  await expect(unreachable).toHaveAttribute('data-state', 'unreachable')
  await expect(unreachable).toContainText(
    'Could not reach the server at http://127.0.0.1:9. Is it running?',
  )
  await expect(profiles.editor.getByTestId('profile.note')).toHaveText('Unsaved changes')
})

test('shows what is wrong next to the field and saves nothing invalid', async ({ workspace }) => {
  const profiles = new ProfilesPage(workspace.page)
  await profiles.open()
  await profiles.editor.getByTestId('profile.new').click()
  await profiles.editor.getByTestId('profile.new.dedicated').click()
  await profiles.fill({ name: '', requestTimeoutS: 'soon' })
  await profiles.editor.getByTestId('profile.save').click()
  await expect(profiles.fieldErrors).toHaveText([
    'Give the profile a name',
    'Enter the server’s full address, starting with http:// or https://',
    'Enter a number',
  ])
  await expect(profiles.items).toHaveCount(1)
  await profiles.fill({
    name: 'Edge box',
    urls: 'https://edge.example/?api_key=abc',
    requestTimeoutS: '30',
  })
  await expect(profiles.fieldErrors).toHaveText([
    'Put the API key in the key field, not in the URL',
  ])
})

const NO_SCHEME = 'Enter the server’s full address, starting with http:// or https://'

test('an address without http:// is refused at the field in words, with the fix, and Test tries what the field shows', async ({
  workspace,
  emulator,
}) => {
  const page = workspace.page
  const url = page.getByTestId('server.url')
  const problem = page.getByTestId('server.url.problem')
  // A port nothing listens on, so the saved address cannot pass for the one typed later.
  const port = await freePort()
  await workspace.typeServerUrl(`localhost:${port}`)
  await page.getByTestId('server.save').click()
  await expect(problem).toContainText(NO_SCHEME)
  await expect(url).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText(/profile\.baseUrls/)).toHaveCount(0)
  await expect(workspace.errorBar).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screenshots/server-url-problem.png' })

  await page.getByTestId('server.url.fix').click()
  await expect(url).toHaveValue(`http://localhost:${port}`)
  await expect(problem).toHaveCount(0)
  await page.getByTestId('server.save').click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()

  // Typed but not saved: Test connection tries the emulator the field shows, and says so.
  await url.fill(emulator.url)
  await page.getByTestId('server.test').click()
  const status = page.getByTestId('server.status')
  await expect(status).toHaveAttribute('data-state', 'ok')
  await expect(status).toContainText(emulator.url)
})

test('the profile editor offers the same fix under the server URLs', async ({ workspace }) => {
  const profiles = new ProfilesPage(workspace.page)
  await profiles.open()
  await profiles.fill({ urls: 'localhost:9101' })
  await profiles.editor.getByTestId('profile.save').click()
  await expect(profiles.fieldErrors).toHaveText([NO_SCHEME])
  const fix = profiles.editor.getByTestId('profile.fix')
  await expect(fix).toHaveText('Use http://localhost:9101')
  await fix.click()
  await expect(profiles.editor.getByTestId('profile.field.urls')).toHaveValue(
    'http://localhost:9101',
  )
  await expect(profiles.fieldErrors).toHaveCount(0)
  await profiles.save()
})

test('duplicates, deletes after confirming, and switches the active profile', async ({
  workspace,
  emulator,
}) => {
  const page = workspace.page
  const profiles = new ProfilesPage(page)
  await profiles.open()
  await profiles.create('local', { name: 'Lab server', urls: emulator.url })
  await profiles.duplicate()
  await expect(profiles.editor.getByTestId('profile.field.name')).toHaveValue('Lab server copy')
  await expect(profiles.items).toHaveText([
    /Local Inference server/,
    /Lab server/,
    /Lab server copy/,
  ])

  await profiles.editor.getByTestId('profile.delete').click()
  await expect(profiles.editor.getByRole('alert')).toContainText('Delete “Lab server copy”?')
  await profiles.editor.getByTestId('profile.delete.cancel').click()
  await expect(profiles.items).toHaveCount(3)
  await profiles.remove()
  await expect(profiles.items).toHaveText([/Local Inference server/, /Lab server/])

  await profiles.item('Lab server').click()
  await profiles.editor.getByTestId('profile.activate').click()
  await expect(profiles.item('Lab server')).toHaveAttribute('data-active', 'true')

  // Focus stays inside the dialog however far one tabs.
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab')
  expect(await profiles.editor.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  await profiles.close()

  await expect(profiles.select).toHaveValue(/.+/)
  await expect(profiles.select.locator('option:checked')).toHaveText('Lab server')
  await expect(page.getByTestId('server.url')).toHaveValue(emulator.url)
  await page.getByTestId('server.test').click()
  await expect(page.getByTestId('server.status')).toHaveAttribute('data-state', 'ok')

  await profiles.select.selectOption({ label: 'Local Inference server' })
  await expect(page.getByTestId('server.url')).toHaveValue('http://localhost:9001')
  await expect(page.getByTestId('server.status')).toHaveAttribute('data-state', 'idle')
})

test('never lets the key reach the page, a data file or a contract response', async ({
  workspace,
  emulator,
  bridge,
  workDir,
}) => {
  emulator.setOptions({ apiKey: RIGHT_KEY })
  const page = workspace.page
  const bodies: string[] = []
  page.on('response', (response) => {
    if (response.url().includes('/api/'))
      void response.text().then(
        (t) => bodies.push(t),
        () => {},
      )
  })
  const profiles = new ProfilesPage(page)
  await workspace.useServer(emulator.url)
  await workspace.setApiKey(RIGHT_KEY)
  await expect(page.getByTestId('server.key-status')).toHaveText('Key set (stored in OS keychain)')
  await page.getByTestId('server.test').click()
  await expect(page.getByTestId('server.status')).toHaveAttribute('data-state', 'ok')

  await profiles.open()
  await profiles.create('hosted', { name: 'Hosted', urls: emulator.url }, WRONG_KEY)
  await profiles.duplicate()
  await profiles.testConnection()
  await profiles.page.screenshot({ path: 'test-results/screenshots/profile-editor.png' })

  for (const key of [RIGHT_KEY, WRONG_KEY]) {
    await expect(page.locator('body')).not.toContainText(key)
    expect(await page.content()).not.toContain(key)
    for (const body of bodies) expect(body).not.toContain(key)
    const listed = await bridge.services.invoke('profile.list', {})
    expect(JSON.stringify(listed)).not.toContain(key)
    const dataDir = join(workDir, 'data')
    for (const file of await readdir(dataDir, { recursive: true })) {
      const text = await readFile(join(dataDir, file), 'utf8').catch(() => '')
      expect(text).not.toContain(key)
    }
  }
  expect(bodies.length).toBeGreaterThan(5)
})
