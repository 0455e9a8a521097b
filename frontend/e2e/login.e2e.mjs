// Real-browser end-to-end test of signing in to the dashboard.
//
//   BASE_URL=http://127.0.0.1:18080 npm run e2e
//
// Needs a running cpanet in demo mode at BASE_URL and a system Chromium (CHROMIUM, default
// /usr/bin/chromium); playwright-core never downloads a browser. Screenshots go to e2e/out/.
import { mkdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:18080'
const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out')
const password = 'demo-password'
const timeout = 15_000

const demoUsers = [
  { email: 'admin@demo.cpanet', role: 'ADMIN' },
  { email: 'adv@demo.cpanet', role: 'ADVERTISER' },
  { email: 'pub@demo.cpanet', role: 'PUBLISHER' },
]

/**
 * signIn fills the login form on a fresh page of context, submits it and waits until the
 * dashboard shows either the signed-in shell or a login error. It returns the page and the
 * body of the GraphQL response to the login mutation.
 */
async function signIn(context, email, pass) {
  const page = await context.newPage()
  page.setDefaultTimeout(timeout)
  await page.goto(baseURL)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(pass)
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/graphql' && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ])
  const body = await response.json().catch(() => null)
  await page.getByTestId('role').or(page.getByTestId('login-error')).waitFor()
  return { page, body }
}

async function loginError(page) {
  const error = page.getByTestId('login-error')
  return (await error.count()) > 0 ? ((await error.textContent())?.trim() ?? '') : null
}

function expectEqual(what, got, want) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`)
}

const tests = demoUsers.map(({ email, role }) => ({
  name: `${email} signs in as ${role}, stays signed in on reload, signs out`,
  async run(context) {
    const { page } = await signIn(context, email, password)
    const error = await loginError(page)
    if (error !== null) throw new Error(`login failed: ${error}`)
    const roleBadge = page.getByTestId('role')
    expectEqual('role', (await roleBadge.textContent())?.trim(), role)
    await page.getByText(`Signed in as ${email}`).waitFor()
    await page.screenshot({ path: join(outDir, `home-${role.toLowerCase()}.png`), fullPage: true })

    // The stored token restores the session through `me`.
    await page.reload()
    await roleBadge.waitFor()
    expectEqual('role after reload', (await roleBadge.textContent())?.trim(), role)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await page.reload()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expectEqual('role after sign-out', await roleBadge.count(), 0)
  },
}))

tests.push({
  name: 'a wrong password shows the login error',
  async run(context) {
    const { page, body } = await signIn(context, demoUsers[0].email, 'not-the-password')
    const message = await loginError(page)
    if (!message) throw new Error('no login error shown')
    // The page shows the server's GraphQL error, not a transport failure.
    expectEqual('login error', message, body?.errors?.[0]?.message)
    await page.screenshot({ path: join(outDir, 'login-error.png'), fullPage: true })
    expectEqual('role shown after a failed login', await page.getByTestId('role').count(), 0)
  },
})

await rm(outDir, { recursive: true, force: true })
await mkdir(outDir, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

let passed = 0
let failed = 0
try {
  for (const test of tests) {
    // A fresh context per test: its own cookies and localStorage, like a new profile.
    const context = await browser.newContext()
    const consoleErrors = []
    context.on('weberror', (err) => consoleErrors.push(err.error().message))
    try {
      await test.run(context)
      if (consoleErrors.length > 0) throw new Error(`uncaught page errors: ${consoleErrors.join('; ')}`)
      passed++
      console.log(`ok   ${test.name}`)
    } catch (err) {
      failed++
      console.log(`FAIL ${test.name}\n     ${String(err instanceof Error ? err.message : err).split('\n')[0]}`)
      const [page] = context.pages()
      await page?.screenshot({ path: join(outDir, `failure-${passed + failed}.png`) }).catch(() => {})
    } finally {
      await context.close()
    }
  }
} finally {
  await browser.close()
}

console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
