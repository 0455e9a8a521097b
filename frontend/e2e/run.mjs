// Runs every e2e/*.e2e.mjs file's tests in one system Chromium against a running cpanet in demo
// mode (BASE_URL). E2E_ONLY=text runs the tests whose name has it. Screenshots go to
// e2e/out/screenshots/ (not committed).
//
//   BASE_URL=http://127.0.0.1:18080 npm run e2e
import { mkdir, readdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { axeResults, outDir, shotDir, timing } from './harness.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const tests = []
// E2E_FILES=a,b runs only those files (names without .e2e.mjs): .ci/e2e splits the files into
// lanes, each against a server of its own, run side by side.
const files = process.env.E2E_FILES ? new Set(process.env.E2E_FILES.split(',')) : null
for (const file of (await readdir(here)).filter((f) => f.endsWith('.e2e.mjs') && (!files || files.has(f.slice(0, -8)))).sort()) {
  const mod = await import(pathToFileURL(join(here, file)).href)
  tests.push(...mod.tests)
}

// E2E_KEEP_OUT=1: a lane leaves the other lanes' screenshots alone (.ci/e2e clears the folder).
if (!process.env.E2E_KEEP_OUT) await rm(outDir, { recursive: true, force: true })
await mkdir(shotDir, { recursive: true })
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

const only = process.env.E2E_ONLY
const started = Date.now()
let passed = 0
let failed = 0
try {
  for (const test of tests) {
    if (only && !test.name.includes(only)) continue
    // A fresh context per test: its own localStorage, like a new profile.
    const context = await browser.newContext({ locale: 'en-US', ...test.context })
    const pageErrors = []
    context.on('weberror', (err) => pageErrors.push(err.error().message))
    // The dashboard's Content-Security-Policy (docs/api.md) must not refuse anything it does.
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
    )
    context.on('console', (msg) => {
      if (/CSP violation|Content Security Policy/.test(msg.text())) pageErrors.push(msg.text())
    })
    const t0 = Date.now()
    try {
      await test.run(context)
      if (pageErrors.length > 0) throw new Error(`uncaught page errors or CSP violations: ${[...new Set(pageErrors)].join('; ')}`)
      passed++
      console.log(`ok   ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    } catch (err) {
      failed++
      console.log(`FAIL ${test.name}\n     ${String(err instanceof Error ? err.message : err).split('\n')[0]}`)
      const open = context.pages()
      const page = open[open.length - 1]
      await page?.screenshot({ path: join(outDir, `failure-${passed + failed}.png`), fullPage: true }).catch(() => {})
    } finally {
      await context.close()
    }
  }
} finally {
  await browser.close()
}

const serious = axeResults.reduce((n, r) => n + r.serious, 0)
const minor = [...new Set(axeResults.flatMap((r) => (r.other > 0 ? r.ids : [])))]
console.log(
  `axe: ${axeResults.length} page states checked, ${serious} serious or critical violations` +
    (minor.length > 0 ? `; minor or moderate rules seen: ${minor.join(', ')}` : ''),
)
console.log(
  `time: axe ${(timing.axe / 1000).toFixed(1)} s, waiting for animations before axe ${(timing.axeWait / 1000).toFixed(1)} s` +
    ` (${timing.slowWaits.length} waits > 2.5 s${timing.slowWaits.length ? `: ${timing.slowWaits.slice(0, 8).join('; ')}` : ''}),` +
    ` screenshots ${(timing.shot / 1000).toFixed(1)} s`,
)
console.log(`e2e: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
process.exitCode = failed > 0 ? 1 : 0

