// The Flows page (/flows, /flows/:id) in a real browser: the publisher creates a flow from the
// Offers page's link (?offerId=…), builds its tracking link with sub1 filled in and copies it,
// follows it (302), is refused an unknown macro and a private address (errors in words), sets
// a postback URL to a local receiver through the macro picker, sends a test, and sees a real
// conversion's delivery in the log; its default postback and signing secret; the admin sees the
// flow with the publisher filter. axe on every state; screenshots at 1440 and 390 px.
//
// The server must let postbacks reach 127.0.0.1 (.ci/e2e sets CPANET_POSTBACK_ALLOW).
//
//   run by e2e/run.mjs (npm run e2e; E2E_ONLY=flows runs only these)
import { createServer } from 'node:http'
import { baseURL, desktop, phone, timeout, expectEqual, check, axe, shot, expectOneH1, signedInPage, graphql, password, noSidewaysScroll } from './harness.mjs'

export const tests = []

const publisherEmail = 'pub@demo.cpanet'
const adminEmail = 'admin@demo.cpanet'
const advertiserEmail = 'adv@demo.cpanet'

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

/** receiver is a tiny HTTP server on 127.0.0.1 that answers 200 and remembers every call. */
async function receiver() {
  const calls = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      calls.push({ method: req.method, url: req.url, headers: req.headers, body })
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end('OK from the e2e receiver')
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { calls, port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) }
}

async function waitFor(what, fn, ms = timeout) {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** ourOffer is an offer of the demo advertiser with two landings and a guaranteed goal, made for this test. */
async function ourOffer(admin, advID) {
  const stamp = Date.now().toString(36)
  const { createOffer } = await graphql(
    admin,
    `mutation($a: ID!, $n: String!) { createOffer(input: { name: $n, landingURL: "https://land.example/?cid={click_id}&s={sub1}", currency: "USD", hold: false, advertiserID: $a }) { id name } }`,
    { a: advID, n: `E2E Flows Offer ${stamp}` },
  )
  await graphql(admin, 'mutation($o: ID!) { createGoal(input: { offerID: $o, code: "lead", name: "Lead", kind: GUARANTEED, payout: "3.00", revenue: "5.00", isDefault: true }) { id } }', { o: createOffer.id })
  for (const [name, weight] of [['Quiz', 1], ['Long read', 3]]) {
    await graphql(admin, 'mutation($o: ID!, $n: String!, $w: Int!) { createLanding(input: { offerID: $o, name: $n, url: "https://land.example/lp?cid={click_id}&s={sub1}", weight: $w }) { id } }', { o: createOffer.id, n: name, w: weight })
  }
  return createOffer
}

tests.push({
  name: 'flows: the publisher creates a flow, copies its link with sub1, follows it (302), sets a postback through the macro picker, sends a test and sees the delivery log; the admin sees the flow; axe; 1440 and 390 px',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin', permissions: ['clipboard-read', 'clipboard-write'] },
  async run(context) {
    const admin = await login(adminEmail)
    const pub = await login(publisherEmail)
    const adv = await login(advertiserEmail)
    const offer = await ourOffer(admin.token, adv.user.id)
    const rx = await receiver()
    let adminContext
    try {
      // The Offers page links here with ?offerId=…: the form opens with the offer chosen.
      const page = await signedInPage(context, publisherEmail, `/flows?offerId=${offer.id}`)
      await expectOneH1(page, 'Flows')
      const dialog = page.getByRole('dialog', { name: 'Create a flow' })
      await dialog.waitFor()
      await dialog.getByTestId('create-landings').waitFor()
      check('the offer is chosen', (await dialog.getByTestId('create-offer').inputValue()).startsWith(offer.name))
      check('landing shares by weight', (await dialog.getByTestId('create-landings').textContent()).includes('75 %'))
      await axe(page, 'flows: create dialog (publisher)')
      await shot(page, 'flows-publisher-create')
      await dialog.getByTestId('create-name').fill('E2E — newsletter')
      await dialog.getByTestId('create-submit').click()
      await page.waitForURL((u) => /^\/flows\/\d+$/.test(u.pathname))
      const flowId = new URL(page.url()).pathname.split('/').pop()
      await expectOneH1(page, 'E2E — newsletter')
      const { node: flow } = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Flow { code trackingURL offer { id } } } }', { id: flowId })
      expectEqual('the flow’s offer', flow.offer.id, offer.id)

      // The link builder: sub1 filled in, copied to the clipboard.
      const labels = page.getByTestId('link-labels')
      await labels.getByRole('row').nth(1).getByText('Value', { exact: true }).click()
      await page.getByTestId('link-sub1').fill('spring sale')
      const want = `${flow.trackingURL}?sub1=spring%20sale`
      expectEqual('the tracking link', await page.getByTestId('tracking-link').inputValue(), want)
      check('the link is absolute on the page’s origin', want.startsWith(`${baseURL}/go/${flow.code}`))
      await page.getByRole('button', { name: 'Copy the tracking link' }).click()
      await page.getByText('Copied to the clipboard.').waitFor()
      expectEqual('the clipboard', await page.evaluate(() => navigator.clipboard.readText()), want)

      // The labels live in the page's URL: a reload keeps them, a placeholder as a placeholder.
      await labels.getByRole('row').nth(2).getByText('Placeholder', { exact: true }).click()
      await page.waitForURL((u) => u.searchParams.get('sub2Mode') === 'placeholder' && u.searchParams.get('sub1') === 'spring sale')
      const withSub2 = await page.getByTestId('tracking-link').inputValue()
      check(`sub2 is in the link as a placeholder (${withSub2})`, withSub2.startsWith(`${want}&sub2=`) && withSub2.includes('sub2'))
      await page.reload()
      await expectOneH1(page, 'E2E — newsletter')
      await page.getByTestId('tracking-link').waitFor()
      expectEqual('the link after a reload', await page.getByTestId('tracking-link').inputValue(), withSub2)
      expectEqual('sub1 after a reload', await page.getByTestId('link-sub1').inputValue(), 'spring sale')
      expectEqual('sub2 after a reload', await page.getByTestId('link-sub2').inputValue(), '{sub2}')
      await axe(page, 'flow: link builder after a reload (publisher)')

      // Following it: a 302 to one of the offer's landings with sub1 in it.
      const res = await fetch(want, { redirect: 'manual' })
      expectEqual('the tracking link answers', res.status, 302)
      const location = res.headers.get('location')
      check(`the redirect goes to the landing (${location})`, location.startsWith('https://land.example/lp?cid=') && (location.endsWith('&s=spring+sale') || location.endsWith('&s=spring%20sale')))

      // The postback: an unknown macro is refused in words before anything is sent.
      const url = page.getByTestId('flow-postback-url')
      await url.fill('https://tracker.example/pb?cid={clickid}')
      await page.getByText('{clickid} is not a macro. Pick one from “Insert macro”.').waitFor()
      check('the URL field is marked invalid', (await url.getAttribute('aria-invalid')) === 'true')
      await axe(page, 'flow: postback URL with an unknown macro (publisher)')

      // A private address is refused when the test calls it: the answer in words.
      await url.fill('http://169.254.169.254/pb?s={status}')
      await page.getByTestId('flow-postback-save').click()
      await page.getByTestId('flow-postback-saved').waitFor()
      await page.getByTestId('send-test').click()
      const result = page.getByTestId('test-result')
      await result.waitFor()
      expectEqual('refused test delivered?', await result.getAttribute('data-delivered'), 'false')
      check('the refusal in words', (await page.getByTestId('test-error').textContent()).startsWith('Refused: the address is private'))
      await axe(page, 'flow: refused test (publisher)')
      await shot(page, 'flows-publisher-test-refused')

      // The local receiver, macros inserted through the picker at the cursor.
      await url.fill(`http://127.0.0.1:${rx.port}/pb?cid=`)
      await url.press('End')
      const insert = async (macro) => {
        await page.getByTestId('flow-postback-macros').click()
        await page.getByTestId('flow-postback-macro-list').getByRole('button', { name: new RegExp(`^\\{${macro}\\} `) }).click()
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'flow-postback-url')
      }
      await insert('click_id')
      await url.press('End')
      await url.pressSequentially('&status=')
      await insert('status')
      await url.pressSequentially('&sub1=')
      await page.getByTestId('flow-postback-macros').click()
      await page.getByTestId('flow-postback-macro-list').waitFor()
      await axe(page, 'flow: macro picker open (publisher)')
      await shot(page, 'flows-publisher-macro-picker')
      await page.getByTestId('flow-postback-macro-list').getByRole('button', { name: /^\{sub1\} / }).click()
      const template = `http://127.0.0.1:${rx.port}/pb?cid={click_id}&status={status}&sub1={sub1}`
      expectEqual('the URL built with the picker', await url.inputValue(), template)
      await page.getByTestId('flow-postback-save').click()
      await page.getByTestId('flow-postback-saved').waitFor()
      const saved = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Flow { postbackURL postbackMethod } } }', { id: flowId })
      expectEqual('the saved postback (API)', saved.node, { postbackURL: template, postbackMethod: 'GET' })

      await page.getByTestId('send-test').click()
      await page.locator('[data-testid="test-result"][data-delivered="true"]').waitFor()
      expectEqual('test status', (await page.getByTestId('test-status').textContent()).trim(), 'HTTP 200')
      check('test latency', /^\d+ ms$/.test((await page.getByTestId('test-latency').textContent()).trim()))
      expectEqual('test body', (await page.getByTestId('test-body').textContent()).trim(), 'OK from the e2e receiver')
      const test = await waitFor('the test call', () => rx.calls.find((c) => c.url.includes('cid=test-click')))
      check('the test call carries the sample status and sub1', test.url.includes('status=approved') && test.url.includes('sub1=test'))
      check('the test call is signed', /^t=\d+,v1=[0-9a-f]{64}$/.test(test.headers['x-cpanet-signature'] ?? ''))
      await axe(page, 'flow: test delivered (publisher)')
      await shot(page, 'flows-publisher-test-delivered')

      // A real conversion on the flow: a click, then the advertiser's postback.
      const click = await (await fetch(`${flow.trackingURL}?sub1=real&format=json`)).json()
      check('a click ID', /^\d+$/.test(String(click.click_id)))
      const { me } = await graphql(adv.token, '{ me { postbackKey } }')
      const pb = await fetch(`${baseURL}/postback?key=${me.postbackKey}&clickid=${click.click_id}&goal=lead&transaction_id=e2e-flows-${Date.now()}`)
      expectEqual('the advertiser’s postback', pb.status, 200)
      await waitFor('the real delivery', () => rx.calls.find((c) => c.url.includes(`cid=${click.click_id}`)))
      await page.reload()
      await expectOneH1(page, 'E2E — newsletter')
      const row = page.locator('[data-testid="attempt-row"][data-outcome="DELIVERED"]')
      await waitFor('the delivery log row', async () => {
        if ((await row.count()) > 0) return true
        await page.reload()
        await page.getByTestId('delivery-log').or(page.getByTestId('log-empty')).waitFor()
        return (await row.count()) > 0
      })
      check('the log row shows HTTP 200', (await row.first().textContent()).includes('HTTP 200'))
      await axe(page, 'flow: page with the delivery log (publisher)')
      await shot(page, 'flows-publisher-flow')
      await page.setViewportSize(phone)
      await page.waitForTimeout(300)
      await noSidewaysScroll(page, 'flow page at 390 px')
      await axe(page, 'flow page (publisher, 390 px)')
      await shot(page, 'flows-publisher-flow-phone')
      await page.setViewportSize(desktop)

      // The list shows it, with its own postback.
      await page.goto(`${baseURL}/flows?q=${encodeURIComponent('E2E — newsletter')}`)
      await expectOneH1(page, 'Flows')
      const listRow = page.locator(`[data-testid="flow-row"][data-id="${flowId}"]`)
      await listRow.waitFor()
      check('the list row', (await listRow.textContent()).includes('Own URL') && (await listRow.textContent()).includes(offer.name))
      await page.goto(`${baseURL}/flows`)
      await page.getByTestId('flows-table').waitFor()
      await axe(page, 'flows list (publisher)')
      await shot(page, 'flows-publisher-list')
      await page.setViewportSize(phone)
      await page.waitForTimeout(300)
      await noSidewaysScroll(page, 'flows list at 390 px')
      await axe(page, 'flows list (publisher, 390 px)')
      await shot(page, 'flows-publisher-list-phone')
      await page.setViewportSize(desktop)

      // The default postback and the signing secret.
      await page.getByRole('tab', { name: 'Default postback & secret' }).click()
      await page.waitForFunction(() => location.search.includes('tab=postback'))
      await page.getByTestId('secret').waitFor()
      const { me: pubMe } = await graphql(pub.token, '{ me { postbackSecret } }')
      check('the secret is masked', !(await page.getByTestId('secret').inputValue()).includes(pubMe.postbackSecret.slice(0, 6)))
      await page.getByRole('button', { name: 'Reveal secret' }).click()
      expectEqual('the revealed secret', await page.getByTestId('secret').inputValue(), pubMe.postbackSecret)
      await axe(page, 'flows: default postback and secret (publisher)')
      await shot(page, 'flows-publisher-default-postback')
      await page.getByRole('button', { name: 'Rotate secret…' }).click()
      const rotate = page.getByRole('dialog', { name: 'Rotate the signing secret?' })
      await rotate.waitFor()
      await axe(page, 'flows: rotate secret confirmation (publisher)')
      await rotate.getByRole('button', { name: 'Cancel' }).click()
      await rotate.waitFor({ state: 'detached' })

      // Archive, then restore: the flow leaves the active list and comes back.
      await page.goto(`${baseURL}/flows/${flowId}`)
      await page.getByTestId('archive').click()
      await page.getByText('Archived', { exact: true }).first().waitFor()
      const archived = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Flow { archived } } }', { id: flowId })
      expectEqual('archived (API)', archived.node.archived, true)
      await page.getByRole('button', { name: 'Restore flow' }).click()
      await page.getByRole('button', { name: 'Archive flow' }).waitFor()

      // The admin sees the flow, filtered by its publisher (a context of its own: another profile).
      adminContext = await context.browser().newContext({ locale: 'en-US', viewport: desktop, timezoneId: 'Europe/Berlin' })
      const adminPage = await signedInPage(adminContext, adminEmail, `/flows?publisher=${pub.user.id}`)
      await expectOneH1(adminPage, 'Flows')
      const adminRow = adminPage.locator(`[data-testid="flow-row"][data-id="${flowId}"]`)
      await adminRow.waitFor()
      check('the admin sees the publisher', (await adminRow.textContent()).includes(publisherEmail))
      check('the admin has no "Create a flow"', (await adminPage.getByTestId('new-flow').count()) === 0)
      await axe(adminPage, 'flows list (admin)')
      await shot(adminPage, 'flows-admin-list')
      await adminPage.setViewportSize(phone)
      await adminPage.waitForTimeout(300)
      await noSidewaysScroll(adminPage, 'flows list (admin) at 390 px')
      await axe(adminPage, 'flows list (admin, 390 px)')
      await shot(adminPage, 'flows-admin-list-phone')
      await adminPage.setViewportSize(desktop)
      await adminRow.getByRole('link').first().click()
      await expectOneH1(adminPage, 'E2E — newsletter')
      await adminPage.locator('[data-testid="attempt-row"]').first().waitFor()
      await axe(adminPage, 'flow page (admin)')
      await shot(adminPage, 'flows-admin-flow')
    } finally {
      await adminContext?.close()
      await rx.close()
    }
  },
})

tests.push({
  name: 'flows: a flow of a country-limited offer says where visitors from other countries go (the network’s trafficback in the demo)',
  context: { viewport: desktop, timezoneId: 'UTC' },
  async run(context) {
    const pub = await login('pub@demo.cpanet')
    const { flows } = await graphql(pub.token, '{ flows(first: 100) { edges { node { id trafficbackURL offer { allowedCountries trafficbackURL } } } } }')
    const limited = flows.edges.map((e) => e.node).find((f) => (f.offer.allowedCountries ?? []).length > 0 && !f.trafficbackURL && !f.offer.trafficbackURL)
    check('the demo publisher has a flow of a country-limited offer', Boolean(limited))
    const { settings } = await graphql(pub.token, '{ settings { defaultTrafficbackURL } }')
    check('the demo network has a default trafficback URL', Boolean(settings.defaultTrafficbackURL))
    const page = await signedInPage(context, 'pub@demo.cpanet', `/flows/${limited.id}`)
    const notice = page.getByTestId('country-notice')
    await notice.waitFor()
    const text = await notice.textContent()
    check(`the notice names the countries (${text})`, text.includes(`from ${limited.offer.allowedCountries.join(', ')} only`))
    check(`the notice says where the others go (${text})`, text.includes('the network’s default trafficback URL') && text.includes(settings.defaultTrafficbackURL))
    await axe(page, 'flow: country-limited offer notice (publisher)')
    await shot(page, 'flows-publisher-country-notice')
  },
})
