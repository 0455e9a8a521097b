// Lighthouse performance of /statistics with the demo data (SPEC §8: at least 90).
//
//   BASE_URL=http://127.0.0.1:18080 npm run lighthouse
//
// The page needs a signed-in session, an HttpOnly cookie, so Lighthouse cannot reach it
// with --extra-headers: this script starts Debian's Chromium (CHROMIUM, default /usr/bin/chromium)
// with a remote-debugging port through playwright-core, signs in as the publisher (the `login`
// mutation with cookie: true, sent from the page so that the browser keeps the session cookie),
// then runs Lighthouse 12.2.3 (npx) against the same
// browser with --port and --disable-storage-reset, so it loads the page signed in. Lighthouse's
// default mobile emulation and simulated throttling apply (LH_PRESET=desktop: its desktop
// preset). Fails below MIN_SCORE (default 90).
// Not part of `make test`: a run takes about a minute. LH_KEEP=file.json keeps the whole report.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'

const base = process.env.BASE_URL ?? 'http://127.0.0.1:18080'
const email = process.env.LH_EMAIL ?? 'pub@demo.cpanet'
const min = Number(process.env.MIN_SCORE ?? 90)
const path = process.env.LH_PATH ?? '/statistics?groupBy=DATE,SUB1&tz=Europe/Berlin'

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** signInByCookie signs email in from page: the browser keeps the HttpOnly session cookie. */
async function signInByCookie(page, who) {
  const ok = await page.evaluate(async (e) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Cpanet-CSRF': '1' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p, cookie: true) { user { id } } }', variables: { e, p: 'demo-password' } }),
    })
    localStorage.setItem('cpanet.timezone', 'Europe/Berlin')
    return !!(await res.json()).data?.login
  }, who)
  if (!ok) throw new Error(`could not sign in as ${who} at ${base}`)
}

const port = await freePort()
const profile = await mkdtemp(join(tmpdir(), 'cpanet-lh-'))
const out = join(profile, 'report.json')
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [`--remote-debugging-port=${port}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${base}/login`)
  await signInByCookie(page, email)
  // Warm the server's caches like a returning viewer would; Lighthouse measures a cold browser cache.
  await page.goto(`${base}${path}`)
  await page.locator('h1').waitFor({ timeout: 30_000 })
  await page.waitForLoadState('networkidle')
  await page.goto('about:blank')

  const args = [
    '-y', 'lighthouse@12.2.3', `${base}${path}`,
    `--port=${port}`,
    '--disable-storage-reset',
    '--only-categories=performance',
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    ...(process.env.LH_PRESET === 'desktop' ? ['--preset=desktop'] : []),
  ]
  await promisify(execFile)('npx', args, { maxBuffer: 64 << 20, timeout: 300_000 })
  const text = await readFile(out, 'utf8')
  if (process.env.LH_REPORT) await writeFile(process.env.LH_REPORT, text)
  const report = JSON.parse(text)
  const score = Math.round(report.categories.performance.score * 100)
  const audits = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
  console.log(`Lighthouse ${report.lighthouseVersion} performance on ${report.finalDisplayedUrl}: ${score} (this machine's benchmarkIndex ${report.environment.benchmarkIndex})`)
  for (const a of audits) console.log(`  ${report.audits[a].title}: ${report.audits[a].displayValue}`)
  if (process.env.LH_KEEP) await writeFile(process.env.LH_KEEP, text)
  if (new URL(report.finalDisplayedUrl).pathname === '/login') throw new Error('Lighthouse landed on /login (not signed in)')
  if (score < min) {
    console.error(`performance ${score} < ${min}`)
    process.exitCode = 1
  }
} finally {
  await context.close()
  await rm(profile, { recursive: true, force: true })
}
