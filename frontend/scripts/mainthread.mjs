// Main-thread CPU of a /statistics load, for a busy machine where Lighthouse's wall-clock numbers
// swing with other work (benchmarkIndex 250–2400): it records a Chrome trace of the page load (the
// same sign-in as scripts/lighthouse.mjs, warm cache) and sums the renderer main thread's task
// *thread* time, which other processes inflate far less. "est TBT" is sum(max(0, k·cpu − 50 ms))
// over tasks after the first contentful paint (k = 4 on mobile like Lighthouse's simulated
// throttling, 1 with DESKTOP=1): a rough, load-robust stand-in to compare two builds, not the score.
//
//   BASE_URL=http://127.0.0.1:18080 RUNS=5 npm run mainthread      (DESKTOP=1, LH_PATH=…)
import { chromium } from 'playwright-core'
const base = process.env.BASE_URL ?? 'http://127.0.0.1:18080'
const path = process.env.LH_PATH ?? '/statistics?groupBy=DATE,SUB1&tz=Europe/Berlin'
const runs = Number(process.env.RUNS ?? 3)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const mobile = !process.env.DESKTOP
const k = mobile ? 4 : 1
const results = []
for (let r = 0; r < runs; r++) {
  const ctx = await browser.newContext(mobile ? { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true } : { viewport: { width: 1350, height: 940 } })
  const page = await ctx.newPage()
  await page.goto(`${base}/login`)
  // Signs in from the page, so that the browser keeps the HttpOnly session cookie.
  await page.evaluate(async () => {
    localStorage.setItem('cpanet.timezone', 'Europe/Berlin')
    await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Cpanet-CSRF': '1' }, body: JSON.stringify({ query: 'mutation { login(email: "pub@demo.cpanet", password: "demo-password", cookie: true) { user { id } } }' }) })
  })
  await page.goto(`${base}${path}`); await page.waitForLoadState('networkidle'); await page.goto('about:blank')
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] })
  await page.goto(`${base}${path}`)
  // The report's rows and its chart are on screen.
  await page.waitForFunction('!!document.querySelector("table tbody tr") && !!document.querySelector("[data-testid=stats-chart]")', null, { timeout: 60000, polling: 1000 })
  await page.waitForTimeout(2500)
  const buf = await browser.stopTracing()
  const events = JSON.parse(buf.toString()).traceEvents
  // the renderer main thread: the one with the navigation's first paint
  const names = events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain')
  const fcp = events.find((e) => e.name === 'firstContentfulPaint')
  const main = fcp ? names.find((n) => n.pid === fcp.pid && n.tid === fcp.tid) ?? names[0] : names[0]
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 0)
  const start = fcp ? fcp.ts : 0
  let tbt = 0, cpu = 0, wall = 0; const longs = []
  for (const t of tasks) {
    const td = (t.tdur ?? t.dur) / 1000
    cpu += td; wall += t.dur / 1000
    if (k * td > 50) longs.push(Math.round(k * td))
    if (t.ts >= start && k * td > 50) tbt += k * td - 50
  }
  results.push({ tbt: Math.round(tbt), cpu: Math.round(cpu), wall: Math.round(wall), longs: longs.sort((a, b) => b - a).slice(0, 6) })
  await ctx.close()
}
await browser.close()
for (const r of results) console.log(JSON.stringify(r))
const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`${mobile ? 'mobile' : 'desktop'} median: est TBT ${med(results.map((r) => r.tbt))} ms, main-thread CPU ${med(results.map((r) => r.cpu))} ms`)
