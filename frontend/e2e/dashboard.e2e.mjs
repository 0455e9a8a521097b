// Real-browser end-to-end tests of the dashboard: sign-in, navigation by role, the Overview's
// numbers against the API, deep links, not-found, session end, accessibility (axe) and
// screenshots of the shell and the Overview (each page's own file covers that page).
//
//   run by e2e/run.mjs (npm run e2e)
//
// Needs a running cpanet in demo mode at BASE_URL and a system Chromium (CHROMIUM, default
// /usr/bin/chromium); playwright-core never downloads a browser. Screenshots go to
// e2e/out/screenshots/ (not committed).
import { join } from 'node:path'
import {
  baseURL,
  shotDir,
  password,
  timeout,
  desktop,
  phone,
  pages,
  roles,
  expectEqual,
  check,
  axe,
  shot,
  expectOneH1,
  signIn,
  signedInPage,
  graphql,
  dayIn,
  sessionToken,
  sessionCookie,
} from './harness.mjs'

export const tests = []

for (const r of roles) {
  tests.push({
    name: `${r.role}: signs in, sees its navigation and the Overview with real numbers, opens every page of its navigation`,
    context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
    async run(context) {
      const page = await signedInPage(context, r.email)
      expectEqual('URL after sign-in', new URL(page.url()).pathname, '/')
      await expectOneH1(page, 'Overview')

      // The navigation lists exactly the role's pages.
      const nav = page.getByRole('navigation', { name: 'Main' })
      const links = (await nav.getByRole('link').allTextContents()).map((t) => t.trim())
      expectEqual('navigation', links, r.nav)

      // One number on the Overview against the API, with the same token and timezone (the
      // browser's, Europe/Berlin, is the default).
      await page.getByTestId('last7-clicks').waitFor()
      const token = await sessionToken(page)
      const timezone = 'Europe/Berlin'
      const data = await graphql(
        token,
        `query($f: StatFilter!, $tz: String!) { statistics(groupBy: [], filter: $f, timezone: $tz) { totals { clicks } } }`,
        { f: { from: dayIn(timezone, -6), to: dayIn(timezone) }, tz: timezone },
      )
      const want = new Intl.NumberFormat('en-US').format(data.statistics.totals.clicks)
      expectEqual('last 7 days clicks', (await page.getByTestId('last7-clicks').textContent()).trim(), want)
      check('the demo has clicks in the last 7 days', data.statistics.totals.clicks > 0)

      // Money columns by role: the role's own, never another's.
      const table = page.getByTestId('top-offers')
      await table.waitFor()
      const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim())
      for (const h of r.money) check(`top offers column ${h} for ${r.role} (${headers})`, headers.includes(h))
      for (const h of r.hidden) check(`no ${h} column for ${r.role} (${headers})`, !headers.includes(h))
      const card = page.getByTestId('card-month')
      for (const h of r.hidden) {
        expectEqual(`no ${h} on the month card for ${r.role}`, await card.getByText(h, { exact: true }).count(), 0)
      }
      if (r.role !== 'PUBLISHER') {
        const pending = await graphql(token, '{ conversions(where: {status: PENDING}) { totalCount } }')
        if (pending.conversions.totalCount > 0) {
          const link = page.getByRole('link', { name: 'Review pending conversions' })
          await link.waitFor()
          expectEqual(
            'pending count',
            (await page.getByTestId('pending-count').textContent()).trim(),
            new Intl.NumberFormat('en-US').format(pending.conversions.totalCount),
          )
          expectEqual('pending link', await link.getAttribute('href'), '/conversions?status=PENDING')
        }
      }
      await page.getByTestId('traffic-chart').locator('svg').first().waitFor()
      await axe(page, `${r.role} /`)
      await shot(page, `overview-${r.role.toLowerCase()}`)

      // Every page the role may use opens from the navigation with one h1 of its name. Each page's
      // own e2e file runs axe on it and takes its screenshots for every role that has it.
      for (const label of r.nav.slice(1)) {
        await nav.getByRole('link', { name: label, exact: true }).click()
        await expectOneH1(page, label)
        const path = Object.keys(pages).find((p) => pages[p] === label)
        expectEqual(`path of ${label}`, new URL(page.url()).pathname, path)
      }

      // A page the role has no link to is not found, not half-shown.
      for (const [path, label] of Object.entries(pages)) {
        if (r.nav.includes(label)) continue
        await page.goto(baseURL + path)
        await expectOneH1(page, 'Page not found')
      }

      // The session survives a reload; signing out ends it.
      await page.goto(`${baseURL}/`)
      await expectOneH1(page, 'Overview')
      await page.reload()
      await expectOneH1(page, 'Overview')
      await page.getByTestId('user-menu').click()
      await page.getByRole('menuitem', { name: 'Sign out' }).click()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
      await page.reload()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
      expectEqual('session cookie after sign-out', await sessionCookie(context), null)
    },
  })
}

tests.push({
  name: 'a wrong password shows the error in words',
  context: { viewport: desktop },
  async run(context) {
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)
    await page.goto(`${baseURL}/login`)
    await expectOneH1(page, 'Sign in to cpanet')
    await axe(page, '/login')
    await shot(page, 'login')
    await signIn(page, 'pub@demo.cpanet', 'not-the-password')
    const error = page.getByTestId('login-error')
    await error.waitFor()
    expectEqual('login error', (await error.textContent()).trim(), 'Wrong email or password.')
    await axe(page, '/login with an error')
    await shot(page, 'login-error')
  },
})

tests.push({
  name: 'a deep link to /statistics survives sign-in and reload',
  context: { viewport: desktop },
  async run(context) {
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)
    const deep = '/statistics?from=2026-11-01&to=2026-11-07&groupBy=DATE,SUB1&tz=Europe/Berlin'
    await page.goto(baseURL + deep)
    await page.waitForURL((u) => u.pathname === '/login')
    const redirect = new URL(page.url()).searchParams.get('redirect')
    check(`redirect remembers the report (${redirect})`, redirect?.startsWith('/statistics?') && redirect.includes('2026-11-01'))
    await signIn(page, 'adv@demo.cpanet', password)
    await expectOneH1(page, 'Statistics')
    const url = new URL(page.url())
    expectEqual('path after sign-in', url.pathname, '/statistics')
    expectEqual('from after sign-in', url.searchParams.get('from'), '2026-11-01')
    expectEqual('groupBy after sign-in', url.searchParams.get('groupBy'), 'DATE,SUB1')
    await page.reload()
    await expectOneH1(page, 'Statistics')
    expectEqual('from shown after reload', (await page.getByTestId('statistics-from').textContent()).trim(), '2026-11-01')
    expectEqual('to shown after reload', (await page.getByTestId('statistics-to').textContent()).trim(), '2026-11-07')
  },
})

tests.push({
  name: 'an unknown route shows "Page not found" with a link home, signed in or not',
  context: { viewport: desktop },
  async run(context) {
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)
    await page.goto(`${baseURL}/no/such/page`)
    await expectOneH1(page, 'Page not found')
    await axe(page, 'not found (signed out)')
    const signed = await signedInPage(context, 'pub@demo.cpanet')
    await signed.goto(`${baseURL}/no-such-page`)
    await expectOneH1(signed, 'Page not found')
    await axe(signed, 'not found (signed in)')
    await shot(signed, 'not-found')
    await signed.getByRole('link', { name: 'Go to the Overview' }).click()
    await expectOneH1(signed, 'Overview')
  },
})

tests.push({
  name: 'an UNAUTHENTICATED answer ends the session; signing in again returns to the page',
  context: { viewport: desktop },
  async run(context) {
    const page = await signedInPage(context, 'pub@demo.cpanet', '/statistics?from=2026-11-02')
    await expectOneH1(page, 'Statistics')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click()
    await page.getByTestId('last7-clicks').waitFor()
    // The server stops accepting the token (expired, revoked): the next request says so.
    await page.route('**/graphql', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ data: null, errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
      }),
    )
    // The Overview's data is fresh for 30 s; another timezone asks the server again.
    await page.getByLabel('Timezone', { exact: true }).first().fill('Asia/Tokyo')
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click()
    await page.waitForURL((u) => u.pathname === '/login')
    await page.getByTestId('login-notice').waitFor()
    expectEqual('redirect after expiry on /', new URL(page.url()).searchParams.get('redirect'), null)
    await page.unroute('**/graphql')
    await signIn(page, 'pub@demo.cpanet', password)
    await expectOneH1(page, 'Overview')
    // The timezone chosen is kept.
    expectEqual('timezone kept', await page.evaluate(() => localStorage.getItem('cpanet.timezone')), 'Asia/Tokyo')
  },
})

tests.push({
  name: 'a new publisher without traffic gets the empty state with its next step',
  context: { viewport: desktop },
  async run(context) {
    const admin = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        variables: { e: 'admin@demo.cpanet', p: password },
      }),
    }).then((r) => r.json())
    const email = `new-${Date.now()}@e2e.cpanet`
    await graphql(admin.data.login.token, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
      i: { email, password, name: 'New Publisher', role: 'PUBLISHER' },
    })
    const page = await signedInPage(context, email)
    await expectOneH1(page, 'Overview')
    await page.getByText('No traffic yet', { exact: true }).waitFor()
    const next = page.getByRole('link', { name: 'Create a flow' })
    expectEqual('next step', await next.getAttribute('href'), '/flows')
    expectEqual('no top offers table', await page.getByTestId('top-offers').count(), 0)
    await axe(page, 'PUBLISHER / without traffic')
    await shot(page, 'overview-publisher-empty')
  },
})

tests.push({
  name: 'a server failure shows the error in words and "Try again" recovers',
  context: { viewport: desktop },
  async run(context) {
    const page = await signedInPage(context, 'adv@demo.cpanet', '/statistics')
    await expectOneH1(page, 'Statistics')
    let fail = true
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? ''
      if (fail && body.includes('OverviewTotals')) {
        await route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' })
      } else {
        await route.continue()
      }
    })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load your numbers' })
    await alert.waitFor({ timeout: 30_000 }) // after react-query's two retries
    const text = (await alert.textContent()).trim()
    check(`error in words (${text})`, text.includes('The server had a problem') && !/502|gateway|HTTP/i.test(text))
    await axe(page, 'ADVERTISER / with an error')
    await shot(page, 'overview-error')
    fail = false
    await alert.getByRole('button', { name: 'Try again' }).click()
    await page.getByTestId('last7-clicks').waitFor()
  },
})

tests.push({
  name: 'keyboard: the first Tab reaches the skip link, which moves focus to the page',
  context: { viewport: desktop },
  async run(context) {
    const page = await signedInPage(context, 'adv@demo.cpanet')
    await expectOneH1(page, 'Overview')
    await page.locator('body').focus()
    await page.keyboard.press('Tab')
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim())
    expectEqual('first Tab stop', first, 'Skip to content')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
    check(`focus outline visible (${outline})`, outline !== 'none')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id === 'main')
    // After a navigation by keyboard, the focus starts on the new page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offers' }).focus()
    await page.keyboard.press('Enter')
    await expectOneH1(page, 'Offers')
    await page.waitForFunction(() => document.activeElement?.id === 'main')
  },
})

tests.push({
  name: 'the dark theme persists across reloads and passes axe',
  context: { viewport: desktop },
  async run(context) {
    const page = await signedInPage(context, 'admin@demo.cpanet')
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    await page.reload()
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor()
    await page.getByTestId('last7-clicks').waitFor()
    await page.getByTestId('top-offers').waitFor()
    await page.getByTestId('traffic-chart').locator('svg').first().waitFor()
    await axe(page, 'ADMIN / dark')
    await shot(page, 'overview-admin-dark')
  },
})

tests.push({
  name: 'phone (390 px): sign-in, Overview without sideways scrolling, burger navigation',
  context: { viewport: phone, isMobile: true, hasTouch: true },
  async run(context) {
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)
    await page.goto(`${baseURL}/login`)
    await shot(page, 'login-phone')
    await signIn(page, 'pub@demo.cpanet', password)
    await expectOneH1(page, 'Overview')
    await page.getByTestId('last7-clicks').waitFor()
    await page.getByTestId('top-offers').waitFor()
    await page.getByTestId('traffic-chart').locator('svg').first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    check(`no sideways scrolling (${overflow} px too wide)`, overflow <= 0)
    await axe(page, 'PUBLISHER / at 390 px')
    await shot(page, 'overview-publisher-phone')
    await page.getByRole('button', { name: 'Open navigation' }).click()
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Balance' }).waitFor({ state: 'visible' })
    await axe(page, 'PUBLISHER navigation at 390 px')
    await page.screenshot({ path: join(shotDir, 'navigation-publisher-phone.png') })
    await nav.getByRole('link', { name: 'Statistics' }).click()
    await expectOneH1(page, 'Statistics')
    await page.getByRole('button', { name: 'Open navigation' }).waitFor()
    await page.waitForTimeout(500) // the navigation slides away
    await shot(page, 'statistics-publisher-phone')
  },
})

