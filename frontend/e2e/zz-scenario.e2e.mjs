// The end-to-end scenario of issue "Dashboard II", driven through the browser only (the API is
// used to check what the pages say, never to do a step): the admin creates an advertiser and a
// publisher on /users; the advertiser creates a draft offer (approval required, {click_id} in
// the landing URL, a goal with a revenue); the admin sets the payout and activates it; the
// publisher requests access, the admin approves, the publisher creates a flow and copies its
// tracking link with sub1; a click follows it (302, click ID in the landing URL); the advertiser
// sends a test postback for that click from the integration helper (a conversion is created);
// the publisher's statistics show 1 click and 1 conversion for its sub1 as the API does; the
// publisher sets its flow's postback URL to a local receiver and sends a test (HTTP 200, signed).
// axe on every page visited, screenshots at 1440 px of each step and some at 390 px.
//
// Named zz- so it runs last: it only creates its own users, offer and flow.
//   run by e2e/run.mjs (npm run e2e; E2E_ONLY=scenario runs only this)
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import { baseURL, desktop, phone, timeout, expectEqual, check, axe, shot, expectOneH1, signedInPage, graphql, password, dayIn, noSidewaysScroll } from './harness.mjs'

export const tests = []

const adminEmail = 'admin@demo.cpanet'
const tz = 'Europe/Berlin'
const count = (n) => new Intl.NumberFormat('en-US').format(n)

async function login(email) {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }', variables: { e: email, p: password } }),
  })
  const body = await res.json()
  if (body.errors) throw new Error(`login ${email}: ${JSON.stringify(body.errors)}`)
  return body.data.login
}

async function waitFor(what, fn, ms = timeout) {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** step runs axe on the page as it is and takes its 1440 px screenshot. */
async function step(page, n, label) {
  await axe(page, `scenario ${n}: ${label}`)
  // From the top: a full-page shot of a scrolled page repeats the sticky header midway.
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, `scenario-${String(n).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`)
}

/** phoneToo looks at the page at 390 px too (no sideways scrolling, axe, screenshot), then back. */
async function phoneToo(page, n, label) {
  await page.setViewportSize(phone)
  await page.waitForTimeout(300)
  await noSidewaysScroll(page, `scenario ${n}: ${label} at 390 px`)
  await step(page, n, `${label} 390`)
  await page.setViewportSize(desktop)
  await page.waitForTimeout(200)
}

/** receiver is a tiny HTTP server on 127.0.0.1 that answers 200 and remembers every call. */
async function receiver() {
  const calls = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      calls.push({ method: req.method, url: req.url, headers: req.headers, body })
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end('OK from the scenario receiver')
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { calls, port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) }
}

const reportQuery = `query($g: [StatDimension!]!, $f: StatFilter!, $tz: String!) {
  statistics(groupBy: $g, filter: $f, timezone: $tz, dateBasis: CLICK, orderBy: { field: DIMENSIONS, direction: ASC }, limit: 50) {
    rows { date sub1 clicks conversions }
    totals { clicks conversions }
    totalRows
  }
}`

tests.push({
  name: 'scenario: admin creates an advertiser and a publisher; offer drafted, activated, requested, approved; flow, click, test postback, statistics, flow postback test — all through the UI',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
    const advEmail = `scenario-adv-${id}@e2e.test`
    const pubEmail = `scenario-pub-${id}@e2e.test`
    const offerName = `Scenario Offer ${id}`
    const flowName = `Scenario flow ${id}`
    const sub1 = `scn-${id}`
    const admin = await login(adminEmail)
    const browser = context.browser()
    const others = []
    const rx = await receiver()
    const profile = async (permissions = []) => {
      const c = await browser.newContext({ locale: 'en-US', viewport: desktop, timezoneId: tz, permissions })
      others.push(c)
      return c
    }
    try {
      // 1. The admin creates the advertiser and the publisher through "New user".
      const adminPage = await signedInPage(context, adminEmail, '/users')
      await expectOneH1(adminPage, 'Users')
      await adminPage.getByTestId('users-table').waitFor()
      for (const [email, role, name] of [
        [advEmail, 'ADVERTISER', `Scenario Advertiser ${id}`],
        [pubEmail, 'PUBLISHER', `Scenario Publisher ${id}`],
      ]) {
        await adminPage.getByRole('button', { name: 'New user' }).click()
        const dialog = adminPage.getByRole('dialog', { name: 'New user' })
        await dialog.waitFor()
        await dialog.getByLabel('Email').fill(email)
        await dialog.getByLabel(/^Password/).fill(password)
        await dialog.getByLabel('Name').fill(name)
        await dialog.getByLabel('Role').selectOption(role)
        if (role === 'ADVERTISER') await step(adminPage, 1, 'admin new user dialog')
        await dialog.getByRole('button', { name: 'Create user' }).click()
        await dialog.waitFor({ state: 'detached' })
        await adminPage.getByTestId('user-created').waitFor()
        const { users } = await graphql(admin.token, 'query($e: String!) { users(where: { email: $e }) { edges { node { role status } } } }', { e: email })
        expectEqual(`the new ${role} (API)`, users.edges.map((e) => e.node), [{ role, status: 'ACTIVE' }])
      }
      await adminPage.getByLabel('Find a user').fill(`scenario-`)
      await adminPage.getByTestId('users-table').locator(`[data-email="${pubEmail}"]`).waitFor()
      await adminPage.getByTestId('users-table').locator(`[data-email="${advEmail}"]`).waitFor()
      await step(adminPage, 1, 'admin users created')
      const adv = await login(advEmail)
      const pub = await login(pubEmail)

      // 2. The advertiser signs in (its own profile) and creates a draft offer with a goal.
      const advContext = await profile()
      const advPage = await signedInPage(advContext, advEmail, '/offers')
      await expectOneH1(advPage, 'Offers')
      await advPage.getByTestId('offers-table').or(advPage.getByRole('button', { name: 'New offer' })).first().waitFor()
      await step(advPage, 2, 'advertiser offers empty')
      await advPage.getByRole('button', { name: 'New offer' }).first().click()
      const offerForm = advPage.getByRole('dialog', { name: 'New offer' })
      await offerForm.waitFor()
      await offerForm.getByLabel(/^Name/).fill(offerName)
      await offerForm.getByLabel('Landing URL').fill('https://scenario.example/land?click_id={click_id}&s={sub1}')
      await offerForm.getByLabel('Visibility', { exact: true }).first().click()
      await advPage.getByRole('option', { name: 'Approval required', exact: true }).click()
      await offerForm.getByLabel('Description').fill('The end-to-end scenario’s offer.')
      await step(advPage, 2, 'advertiser new offer form')
      await offerForm.getByRole('button', { name: 'Create draft' }).click()
      await advPage.waitForURL((u) => /^\/offers\/\d+$/.test(u.pathname))
      const offerId = new URL(advPage.url()).pathname.split('/').pop()
      await expectOneH1(advPage, offerName)
      await advPage.getByTestId('draft-banner').waitFor()
      if (!new URL(advPage.url()).search.includes('tab=goals')) await advPage.getByTestId('offer-tab-goals').click()
      await advPage.getByRole('button', { name: 'Add goal' }).click()
      const goalForm = advPage.getByRole('dialog', { name: `Add a goal to ${offerName}` })
      await goalForm.waitFor()
      await goalForm.getByLabel('Code').fill('reg')
      await goalForm.getByLabel('Name', { exact: true }).fill('Registration')
      await goalForm.getByLabel('Revenue value').fill('7.50')
      await goalForm.getByRole('button', { name: 'Add goal' }).click()
      await goalForm.waitFor({ state: 'detached' })
      await advPage.getByTestId('goal-row').filter({ hasText: 'reg' }).getByTestId('goal-revenue').getByText('$7.50').waitFor()
      const { node: draft } = await graphql(
        adv.token,
        'query($id: ID!) { node(id: $id) { ... on Offer { status visibility currency landingURL goals { id code revenueType revenue } } } }',
        { id: offerId },
      )
      expectEqual(
        'the draft (API)',
        { ...draft, goals: draft.goals.map((g) => [g.code, g.revenueType, g.revenue]) },
        {
          status: 'DRAFT',
          visibility: 'APPROVAL_REQUIRED',
          currency: 'USD',
          landingURL: 'https://scenario.example/land?click_id={click_id}&s={sub1}',
          goals: [['reg', 'FIXED', '7.50']],
        },
      )
      await step(advPage, 2, 'advertiser draft with goal')

      // 3. The admin opens the draft from the drafts list, sets the payout, activates it.
      await adminPage.goto(`${baseURL}/offers`)
      await expectOneH1(adminPage, 'Offers')
      await adminPage.getByRole('button', { name: 'Review drafts' }).click()
      await adminPage.waitForFunction(() => location.search.includes('status=DRAFT'))
      const draftRow = adminPage.getByTestId('offer-row').filter({ hasText: offerName })
      await draftRow.waitFor()
      await step(adminPage, 3, 'admin drafts')
      await draftRow.getByRole('link', { name: offerName }).click()
      await expectOneH1(adminPage, offerName)
      await adminPage.getByTestId('offer-tab-goals').click()
      await adminPage.waitForFunction(() => location.search.includes('tab=goals'))
      await adminPage.getByRole('button', { name: 'Edit goal reg' }).click()
      const editGoal = adminPage.getByRole('dialog', { name: 'Edit goal reg' })
      await editGoal.waitFor()
      await editGoal.getByText('Fixed amount (USD)').last().click()
      await editGoal.getByLabel('Payout value').fill('5.00')
      await step(adminPage, 3, 'admin goal payout')
      await editGoal.getByRole('button', { name: 'Save goal' }).click()
      await editGoal.waitFor({ state: 'detached' })
      await adminPage.getByTestId('goal-row').filter({ hasText: 'reg' }).getByTestId('goal-payout').getByText('$5.00').waitFor()
      await adminPage.getByRole('button', { name: `Activate ${offerName}` }).click()
      const activate = adminPage.getByRole('dialog', { name: `Activate ${offerName}?` })
      await activate.waitFor()
      await step(adminPage, 3, 'admin activate confirmation')
      await activate.getByTestId('confirm-status').click()
      await activate.waitFor({ state: 'detached' })
      await adminPage.getByTestId('offer-status').getByText('Active').waitFor()
      const { node: active } = await graphql(admin.token, 'query($id: ID!) { node(id: $id) { ... on Offer { status goals { payoutType payout revenue } } } }', { id: offerId })
      expectEqual('the active offer (API)', active, { status: 'ACTIVE', goals: [{ payoutType: 'FIXED', payout: '5.00', revenue: '7.50' }] })
      await step(adminPage, 3, 'admin offer active')

      // 4. The publisher finds the offer in the catalog and requests access; the admin approves.
      const pubContext = await profile(['clipboard-read', 'clipboard-write'])
      const pubPage = await signedInPage(pubContext, pubEmail, '/offers')
      await expectOneH1(pubPage, 'Offers')
      await pubPage.getByLabel('Search offers').fill(offerName)
      await pubPage.waitForFunction(() => location.search.includes('q='))
      const catalogRow = pubPage.getByTestId('offer-row').filter({ hasText: offerName })
      await catalogRow.waitFor()
      await catalogRow.getByTestId('goal-payout').getByText('$5.00').waitFor()
      await step(pubPage, 4, 'publisher catalog')
      await catalogRow.getByRole('button', { name: `Request access to ${offerName}` }).click()
      const request = pubPage.getByRole('dialog', { name: `Request access to ${offerName}` })
      await request.waitFor()
      await request.getByLabel('Message to the admin').fill('Scenario: newsletter traffic, about 100 clicks a day.')
      await step(pubPage, 4, 'publisher request access')
      await request.getByRole('button', { name: 'Send request' }).click()
      await request.waitFor({ state: 'detached' })
      const myAccess = async () => (await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Offer { myAccess { status } } } }', { id: offerId })).node.myAccess
      expectEqual('access after the request (API)', await myAccess(), { status: 'REQUESTED' })

      await adminPage.getByTestId('offer-tab-access').click()
      await adminPage.waitForFunction(() => location.search.includes('tab=access'))
      const accessRow = adminPage.getByTestId('offer-access').locator(`[data-publisher="${pubEmail}"]`)
      await accessRow.waitFor()
      expectEqual('request status (admin)', (await accessRow.getByTestId('access-status').textContent()).trim(), 'Requested')
      await step(adminPage, 4, 'admin access requests')
      await accessRow.getByRole('button', { name: /^Approve .* for / }).click()
      const approve = adminPage.getByRole('dialog', { name: /^Approve .*\?$/ })
      await approve.waitFor()
      await approve.getByLabel('Note to the publisher (optional)').fill('Welcome to the scenario.')
      await step(adminPage, 4, 'admin approve dialog')
      await approve.getByTestId('confirm-decision').click()
      await approve.waitFor({ state: 'detached' })
      await accessRow.getByTestId('access-status').getByText('Approved').waitFor()
      expectEqual('access after approval (API)', await myAccess(), { status: 'APPROVED' })

      await pubPage.goto(`${baseURL}/offers/${offerId}`)
      await expectOneH1(pubPage, offerName)
      await pubPage.getByTestId('my-access').getByTestId('access-state').getByText('Approved').waitFor()
      await step(pubPage, 4, 'publisher offer approved')
      await phoneToo(pubPage, 4, 'publisher offer approved')

      // 5. The publisher creates a flow from the offer's "Create a flow" link, copies its link with sub1.
      await pubPage.getByTestId('create-flow').click()
      await pubPage.waitForURL((u) => u.pathname === '/flows')
      await expectOneH1(pubPage, 'Flows')
      const create = pubPage.getByRole('dialog', { name: 'Create a flow' })
      await create.waitFor()
      await pubPage.waitForFunction(
        (name) => document.querySelector('[data-testid="create-offer"]')?.value?.startsWith(name),
        offerName,
      )
      await create.getByTestId('create-name').fill(flowName)
      await step(pubPage, 5, 'publisher create flow')
      await create.getByTestId('create-submit').click()
      await pubPage.waitForURL((u) => /^\/flows\/\d+$/.test(u.pathname))
      const flowId = new URL(pubPage.url()).pathname.split('/').pop()
      await expectOneH1(pubPage, flowName)
      const { node: flow } = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Flow { code trackingURL offer { id } } } }', { id: flowId })
      expectEqual('the flow’s offer (API)', flow.offer.id, offerId)
      await pubPage.getByTestId('link-labels').getByRole('row').nth(1).getByText('Value', { exact: true }).click()
      await pubPage.getByTestId('link-sub1').fill(sub1)
      const wantLink = `${flow.trackingURL}?sub1=${sub1}`
      expectEqual('the tracking link on the page', await pubPage.getByTestId('tracking-link').inputValue(), wantLink)
      await pubPage.getByRole('button', { name: 'Copy the tracking link' }).click()
      await pubPage.getByText('Copied to the clipboard.').waitFor()
      const link = await pubPage.evaluate(() => navigator.clipboard.readText())
      expectEqual('the copied link', link, wantLink)
      await step(pubPage, 5, 'publisher flow link copied')

      // 6. A visitor follows the link: 302 to the landing with the click ID in it.
      const res = await fetch(link, { redirect: 'manual' })
      expectEqual('the tracking link answers', res.status, 302)
      const landing = new URL(res.headers.get('location'))
      expectEqual('the landing', `${landing.origin}${landing.pathname}`, 'https://scenario.example/land')
      expectEqual('sub1 reaches the landing', landing.searchParams.get('s'), sub1)
      const clickId = landing.searchParams.get('click_id')
      check(`a click ID in the landing URL (${landing.href})`, /^\d+$/.test(clickId ?? ''))

      // 7. The advertiser sends a test postback for the click from the integration helper.
      await advPage.goto(`${baseURL}/postbacks`)
      await expectOneH1(advPage, 'Postbacks')
      await advPage.getByRole('tab', { name: 'Integration helper' }).click()
      await advPage.waitForURL((u) => u.searchParams.get('tab') === 'helper')
      await advPage.getByTestId('postback-url').waitFor()
      await advPage.getByLabel('Click ID', { exact: true }).fill(clickId)
      await advPage.getByRole('combobox', { name: 'Goal' }).click()
      await advPage.getByRole('option', { name: /^Registration \(reg\)/ }).click()
      await advPage.getByLabel('Transaction ID', { exact: true }).fill(`SCENARIO-${id}`)
      await step(advPage, 7, 'advertiser try it form')
      await advPage.getByRole('button', { name: 'Send test postback' }).click()
      const tried = advPage.getByTestId('try-result')
      await tried.waitFor()
      expectEqual('HTTP status of the try', await tried.getAttribute('data-status'), '200')
      expectEqual('result of the try', await tried.getAttribute('data-result'), 'created')
      const { conversions } = await graphql(
        adv.token,
        'query($c: ID!) { conversions(where: { hasClickWith: [{ id: $c }] }) { edges { node { id status transactionID goal { code } } } } }',
        { c: clickId },
      )
      expectEqual('one conversion for the click (API)', conversions.edges.length, 1)
      const conv = conversions.edges[0].node
      expectEqual('the conversion (API)', [conv.transactionID, conv.goal.code], [`SCENARIO-${id}`, 'reg'])
      await tried.getByText(`Conversion ${conv.id} was created, ${conv.status.toLowerCase()}.`).waitFor()
      await step(advPage, 7, 'advertiser test postback created')
      await phoneToo(advPage, 7, 'advertiser test postback created')

      // 8. The publisher's statistics for today: 1 click and 1 conversion for its sub1, as the API says.
      const today = dayIn(tz)
      const vars = { g: ['DATE', 'SUB1'], f: { from: today, to: today }, tz }
      const api = await waitFor('the API’s statistics to count the conversion', async () => {
        const { statistics } = await graphql(pub.token, reportQuery, vars)
        return statistics.totals.conversions >= 1 ? statistics : null
      })
      expectEqual('the API’s statistics', api.rows.map((r) => [r.date, r.sub1, r.clicks, r.conversions]), [[today, sub1, 1, 1]])
      await pubPage.goto(`${baseURL}/statistics?from=${today}&to=${today}&groupBy=DATE,SUB1&tz=${encodeURIComponent(tz)}`)
      await expectOneH1(pubPage, 'Statistics')
      await pubPage.getByTestId('stats-table').waitFor()
      await pubPage.waitForFunction(() => document.querySelector('[data-testid=stats-range]')?.textContent?.startsWith('Rows'))
      const head = (await pubPage.getByTestId('stats-table').locator('thead th').allTextContents()).map((t) => t.replace(/[▲▼]/g, '').trim())
      const cells = async (name) => {
        const i = head.indexOf(name)
        check(`column ${name} (${head})`, i >= 0)
        return (await pubPage.getByTestId('stats-table').locator(`tbody tr > :nth-child(${i + 1})`).allTextContents()).map((t) => t.trim())
      }
      expectEqual('rows line', (await pubPage.getByTestId('stats-range').textContent()).trim(), `Rows 1–1 of 1`)
      expectEqual('the row on screen', [await cells('Sub1'), await cells('Clicks'), await cells('Conversions')], [[sub1], [count(1)], [count(1)]])
      await step(pubPage, 8, 'publisher statistics')
      await phoneToo(pubPage, 8, 'publisher statistics')

      // 9. The publisher sets its flow's postback URL to the local receiver and sends a test.
      await pubPage.goto(`${baseURL}/flows/${flowId}`)
      await expectOneH1(pubPage, flowName)
      const template = `http://127.0.0.1:${rx.port}/pb?cid={click_id}&status={status}&sub1={sub1}`
      await pubPage.getByTestId('flow-postback-url').fill(template)
      await pubPage.getByTestId('flow-postback-save').click()
      await pubPage.getByTestId('flow-postback-saved').waitFor()
      const saved = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Flow { postbackURL } } }', { id: flowId })
      expectEqual('the saved postback URL (API)', saved.node.postbackURL, template)
      await pubPage.getByTestId('send-test').click()
      await pubPage.locator('[data-testid="test-result"][data-delivered="true"]').waitFor()
      expectEqual('test status on the page', (await pubPage.getByTestId('test-status').textContent()).trim(), 'HTTP 200')
      const call = await waitFor('the test call at the receiver', () => rx.calls.find((c) => c.url.startsWith('/pb?cid=')))
      const { me } = await graphql(pub.token, '{ me { postbackSecret } }')
      const sig = Object.fromEntries((call.headers['x-cpanet-signature'] ?? '').split(',').map((p) => p.split('=')))
      const query = call.url.slice(call.url.indexOf('?') + 1)
      const want = createHmac('sha256', me.postbackSecret).update(`${sig.t}.${query}`).digest('hex')
      expectEqual('the call is signed with the publisher’s secret', sig.v1, want)
      check(`the signature is fresh (t=${sig.t})`, Math.abs(Date.now() / 1000 - Number(sig.t)) < 300)
      await step(pubPage, 9, 'publisher flow postback test delivered')
      await phoneToo(pubPage, 9, 'publisher flow postback test delivered')
    } finally {
      for (const c of others) await c.close()
      await rx.close()
    }
  },
})
