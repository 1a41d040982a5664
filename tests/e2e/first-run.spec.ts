import { join } from 'node:path'
import { startEmulator } from '../support/emulator'
import { installStandInDocker, type DockerScenario } from '../support/stand-in-docker'
import { expect, test } from './fixtures'
import { defaultOrFreeLocalUrl, freePort, WelcomePage } from './pages/welcome-page'

test('first run with no server shows the welcome view, and connecting to the emulator from it works', async ({
  bridge,
  page,
  emulator,
}) => {
  const welcome = new WelcomePage(page)
  const deadUrl = await welcome.openFirstRun(bridge)
  await expect(page.getByTestId('welcome.active-url')).toHaveText(deadUrl)
  await expect(page.getByTestId('welcome.tab.local')).toHaveAttribute('aria-selected', 'true')
  // The address and its test are offered once, in the welcome view; the top bar says one line.
  await expect(page.getByTestId('server.compact')).toContainText('set one up below')
  await expect(page.getByTestId('server.url')).toHaveCount(0)
  await expect(page.getByTestId('server.test')).toHaveCount(0)
  await expect(page.getByTestId('welcome.command.cli')).toContainText('inference server start')
  await expect(page.getByTestId('welcome.command.pip')).toContainText('pip install inference-cli')
  await expect(page.getByTestId('welcome.command.docker')).toContainText(
    '-e CORE_MODEL_OWLV2_ENABLED=true roboflow/roboflow-inference-server-cpu',
  )
  await expect(page.getByTestId('welcome.command.docker-gpu')).toContainText('--gpus all')

  const unreachable = await welcome.testLocal(deadUrl)
  await expect(unreachable).toHaveAttribute('data-state', 'unreachable')
  await expect(page.getByTestId('welcome.use')).toHaveCount(0)

  const connected = await welcome.testLocal(emulator.url)
  await expect(connected).toHaveAttribute('data-state', 'ok')
  await expect(connected).toContainText('Connected to Roboflow Inference Server 1.5.0')
  await welcome.use()
  await expect(page.getByTestId('server.url')).toHaveValue(emulator.url)
  const profiles = await bridge.services.invoke('profile.list', {})
  expect(profiles).toMatchObject({
    ok: true,
    value: { activeId: 'local', profiles: [{ baseUrls: [emulator.url] }] },
  })
})

test('connects to a Dedicated Deployment with its key from the welcome view', async ({
  bridge,
  page,
  emulator,
}) => {
  emulator.setOptions({ apiKey: 'rf_e2e_dedicated_key' })
  const welcome = new WelcomePage(page)
  await welcome.openFirstRun(bridge)
  await welcome.chooseTab('dedicated')
  await page.getByTestId('welcome.dedicated.url').fill(emulator.url)
  await page.getByTestId('welcome.dedicated.key').fill('rf_e2e_dedicated_key')
  await page.getByTestId('welcome.dedicated.test').click()
  await expect(welcome.result).toHaveAttribute('data-state', 'ok', { timeout: 20_000 })
  await expect(page.getByTestId('welcome.result.findings')).toContainText(
    'The API key was accepted.',
  )
  // The key went to the keychain: the field is empty again.
  await expect(page.getByTestId('welcome.dedicated.key')).toHaveValue('')
  await welcome.use()
  await expect(page.getByTestId('profile.select').locator('option:checked')).toHaveText(
    'Dedicated Deployment',
  )
})

/** Runs `body` with a stand-in `docker` first on the bridge process's PATH, restored afterwards. */
async function withDocker(
  dir: string,
  scenario: DockerScenario,
  body: (docker: Awaited<ReturnType<typeof installStandInDocker>>) => Promise<void>,
): Promise<void> {
  const docker = await installStandInDocker(join(dir, 'docker-bin'), scenario)
  const saved = process.env['PATH']
  process.env['PATH'] = docker.path
  try {
    await body(docker)
  } finally {
    process.env['PATH'] = saved
  }
}

test('starts a server with Docker, streams its log and waits until it answers', async ({
  bridge,
  page,
  workDir,
}) => {
  await withDocker(workDir, 'ok', async (docker) => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const welcome = new WelcomePage(page)
    await welcome.openFirstRun(bridge, url)
    await expect(welcome.dockerStatus).toHaveText('Docker 27.3.1 is running.')
    await page.getByTestId('welcome.docker.start').click()
    await expect(welcome.dockerLog).toContainText('a2318d6c47ec: Pull complete')
    await expect(welcome.dockerLog).toContainText('Uvicorn running on http://0.0.0.0:9001')
    await expect(welcome.dockerPhase).toHaveAttribute('data-phase', 'waiting')
    await welcome.dockerLog.evaluate((log) => log.scrollIntoView({ block: 'end' }))
    await welcome.screenshot('welcome-docker')

    // The "container" comes up: only now does anything answer /healthz on the port.
    const server = await startEmulator({ port })
    try {
      await expect(welcome.dockerPhase).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 })
      await expect(welcome.result).toHaveAttribute('data-state', 'ok')
      await welcome.use()
      await expect(page.getByTestId('server.url')).toHaveValue(url)
    } finally {
      await server.close()
    }
    expect((await docker.calls()).find((call) => call[0] === 'run')).toEqual([
      'run',
      '-d',
      '--name',
      'promptlabel-inference',
      '-p',
      `${port}:9001`,
      '-e',
      'CORE_MODEL_OWLV2_ENABLED=true',
      'roboflow/roboflow-inference-server-cpu',
    ])
  })
})

test('explains Docker failures in plain words and offers to start the existing container', async ({
  bridge,
  page,
  workDir,
}) => {
  await withDocker(workDir, 'daemon-down', async (docker) => {
    const port = await freePort()
    const welcome = new WelcomePage(page)
    await welcome.openFirstRun(bridge, `http://127.0.0.1:${port}`)
    await expect(welcome.dockerStatus).toHaveAttribute('data-state', 'not-running')
    await expect(welcome.dockerStatus).toContainText('Docker is installed but not running')
    await page.getByTestId('welcome.docker.start').click()
    await expect(welcome.dockerProblem).toHaveAttribute('data-code', 'daemon-down')
    await expect(welcome.dockerProblem).toContainText('sudo systemctl start docker')

    await docker.setScenario('name-in-use')
    await page.getByTestId('welcome.docker.start').click()
    await expect(welcome.dockerProblem).toHaveAttribute('data-code', 'name-in-use')
    await expect(welcome.dockerProblem).toContainText(
      'A container called "promptlabel-inference" already exists',
    )
    await page.getByTestId('welcome.docker.start-existing').click()
    await expect(welcome.dockerPhase).toHaveAttribute('data-phase', 'waiting')
    const server = await startEmulator({ port })
    try {
      await expect(welcome.dockerPhase).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 })
    } finally {
      await server.close()
    }
    expect(
      (await docker.calls()).some((call) => call.join(' ') === 'start promptlabel-inference'),
    ).toBe(true)
  })
})

test('says plainly when there is no Docker, and keeps the manual commands', async ({
  bridge,
  page,
  workDir,
}) => {
  const saved = process.env['PATH']
  process.env['PATH'] = workDir
  try {
    const welcome = new WelcomePage(page)
    await welcome.openFirstRun(bridge)
    await expect(welcome.dockerStatus).toHaveAttribute('data-state', 'missing')
    await expect(welcome.dockerStatus).toHaveText(
      'Docker is not installed, or its "docker" command is not on the PATH.',
    )
    await expect(page.getByTestId('welcome.docker.start')).toHaveCount(0)
    await expect(page.getByTestId('welcome.command.cli.copy')).toBeEnabled()
  } finally {
    process.env['PATH'] = saved
  }
})

test('"Try the samples" opens the bundled images as a project in one click', async ({
  bridge,
  page,
}) => {
  const welcome = new WelcomePage(page)
  await welcome.openFirstRun(bridge, await defaultOrFreeLocalUrl())
  await expect(welcome.dockerStatus).not.toHaveAttribute('data-state', 'checking')
  await welcome.screenshot('welcome')
  await page.getByTestId('welcome.samples').click()
  await expect(welcome.view).toHaveCount(0)
  await expect(page.getByText('640 × 480')).toBeVisible()
  // The server still does not answer: the way back to the welcome view stays at hand.
  await page.getByTestId('welcome.open').click()
  await expect(welcome.view).toBeVisible()
  await page.getByTestId('welcome.dismiss').click()
  await expect(welcome.view).toHaveCount(0)
})

test('a drop in the web build explains that a browser gives no paths', async ({ bridge, page }) => {
  const welcome = new WelcomePage(page)
  await welcome.openFirstRun(bridge)
  await welcome.dropFiles(['holiday.png'])
  await expect(page.getByTestId('drop.note')).toContainText(
    'The browser does not tell the app where a dropped file lives',
  )
  await page.getByTestId('drop.note.dismiss').click()
  await expect(page.getByTestId('drop.note')).toHaveCount(0)
})
