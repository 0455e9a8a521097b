// Shared pieces of the real-browser tests: configuration, the demo roles, sign-in, axe,
// screenshots and GraphQL calls. Each e2e/*.e2e.mjs file exports its `tests`; e2e/run.mjs
// runs them all in one browser.
import { join } from 'node:path'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'

export const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:18080'
export const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out')
export const shotDir = join(outDir, 'screenshots')
export const password = 'demo-password'
export const timeout = 15_000
export const desktop = { width: 1440, height: 900 }
export const phone = { width: 390, height: 844 }

export const pages = {
  '/': 'Overview',
  '/statistics': 'Statistics',
  '/conversions': 'Conversions',
  '/offers': 'Offers',
  '/flows': 'Flows',
  '/balance': 'Balance',
  '/postbacks': 'Postbacks',
  '/users': 'Users',
  '/settings': 'Settings',
}

export const roles = [
  {
    email: 'admin@demo.cpanet',
    role: 'ADMIN',
    nav: ['Overview', 'Statistics', 'Conversions', 'Offers', 'Flows', 'Balance', 'Postbacks', 'Users', 'Settings'],
    money: ['Revenue', 'Payout', 'Profit'],
    hidden: ['Cost'],
  },
  {
    email: 'adv@demo.cpanet',
    role: 'ADVERTISER',
    nav: ['Overview', 'Statistics', 'Conversions', 'Offers', 'Postbacks', 'Settings'],
    money: ['Cost'],
    hidden: ['EPC', 'Payout', 'Pending payout', 'Profit', 'Revenue'],
  },
  {
    email: 'pub@demo.cpanet',
    role: 'PUBLISHER',
    nav: ['Overview', 'Statistics', 'Conversions', 'Offers', 'Flows', 'Balance', 'Postbacks', 'Settings'],
    money: ['Payout'],
    hidden: ['Revenue', 'Profit', 'Cost'],
  },
]

export function expectEqual(what, got, want) {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`)
  }
}

export function check(what, ok) {
  if (!ok) throw new Error(what)
}

export const axeResults = []

/** timing adds up where the tests spend their time (printed by run.mjs). */
export const timing = { axe: 0, axeWait: 0, shot: 0, slowWaits: [] }

/** axe runs axe-core on the page and fails on any serious or critical violation. */
export async function axe(page, label) {
  // Colours are judged once transitions (a drawer sliding in, a modal fading in) have ended.
  const t0 = Date.now()
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 3000 })
    .catch(() => {})
  const t1 = Date.now()
  // Legacy mode runs axe in the page itself instead of opening a blank page per call to gather
  // the frames' results (the dashboard has no iframes), and only violations are collected, not
  // every passing node: together 2–3× faster, and axe was ~60 % of the browser tests' time.
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze()
  timing.axeWait += t1 - t0
  timing.axe += Date.now() - t1
  if (t1 - t0 > 2500) timing.slowWaits.push(label)
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  axeResults.push({ label, serious: bad.length, other: violations.length - bad.length, ids: violations.map((v) => v.id) })
  if (bad.length > 0) {
    const details = bad
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)
      .join('; ')
    throw new Error(`axe on ${label}: ${details}`)
  }
}

/**
 * noSidewaysScroll checks that the page fits its viewport. After a resize the layout takes a moment
 * to settle (media queries re-render, filters fold away, more so on a busy machine), so it waits up
 * to 5 s for the page to fit before it fails, naming the elements that stick out.
 */
export async function noSidewaysScroll(page, what) {
  const fits = () => document.documentElement.scrollWidth <= document.documentElement.clientWidth
  if (await page.waitForFunction(fits, null, { timeout: 5000, polling: 100 }).then(() => true, () => false)) return
  const { wide, culprits } = await page.evaluate(() => {
    const w = document.documentElement.clientWidth
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 0.5 && !el.closest('[role="region"]'))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} “${(el.textContent ?? '').slice(0, 30)}”`)
    return { wide: document.documentElement.scrollWidth - w, culprits }
  })
  check(`${what}: no sideways scrolling (${String(wide)} px too wide: ${culprits.join(', ')})`, wide <= 0)
}

export async function shot(page, name) {
  const t0 = Date.now()
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true })
  timing.shot += Date.now() - t0
}

/** expectOneH1 checks that the page has exactly one <h1> and that it says name. */
export async function expectOneH1(page, name) {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor()
  expectEqual(`h1 count on ${name}`, await page.locator('h1').count(), 1)
}

/** signIn fills the sign-in form on page (already on /login) and submits it. */
export async function signIn(page, email, pass) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel(/^Password/).fill(pass)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** signedInPage opens a page of context at path and signs in as email through the form. */
export async function signedInPage(context, email, path = '/') {
  const page = await context.newPage()
  page.setDefaultTimeout(timeout)
  await page.goto(baseURL + path)
  await page.waitForURL((u) => u.pathname === '/login')
  await signIn(page, email, password)
  await page.getByTestId('role-badge').waitFor()
  return page
}

/**
 * sessionToken returns a Bearer token for the viewer signed in on page: the dashboard's session
 * is an HttpOnly cookie the page cannot read, so it asks the page who is signed in (through
 * the cookie, with the CSRF header) and signs that user in through the API.
 */
export async function sessionToken(page) {
  const email = await page.evaluate(async () => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Cpanet-CSRF': '1' },
      body: JSON.stringify({ query: '{ me { email } }' }),
    })
    return (await res.json()).data.me.email
  })
  const data = await graphql(null, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password })
  return data.login.token
}

/** sessionCookie is the value of the dashboard's session cookie in context, or null. */
export async function sessionCookie(context) {
  return (await context.cookies(baseURL)).find((c) => c.name === 'cpanet_session')?.value ?? null
}

export async function graphql(token, query, variables) {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = await res.json()
  if (body.errors) throw new Error(`graphql: ${JSON.stringify(body.errors)}`)
  return body.data
}

export function dayIn(timeZone, offsetDays = 0) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())
  const d = new Date(`${today}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + offsetDays)
  return d.toISOString().slice(0, 10)
}
