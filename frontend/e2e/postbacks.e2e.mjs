// The Postbacks page (/postbacks) in a real browser: the advertiser's integration helper (its
// postback URL copied, "try it" on a fresh click of its offer creating a real conversion, then
// found in the incoming log by click ID), the incoming log's details, the admin's three tabs and
// the publisher's outgoing delivery log, a refused postback found by its click ID and transaction ID;
// axe on every state, screenshots at 1440 and 390 px.
//
//   run by e2e/run.mjs (npm run e2e; E2E_ONLY=postbacks runs only these)
import { join } from 'node:path'
import { axe, baseURL, check, desktop, expectEqual, expectOneH1, graphql, password, phone, shot, shotDir, signedInPage, noSidewaysScroll, sessionToken } from './harness.mjs'

export const tests = []

const advEmail = 'adv@demo.cpanet'
const pubEmail = 'pub@demo.cpanet'
const adminEmail = 'admin@demo.cpanet'
// An address that never resolves: the publisher's tracker is "down", so each delivery is logged
// as an attempt that will be retried, and nothing leaves the machine.
const trackerURL = 'http://tracker.invalid/e2e?cid={click_id}&status={status}&payout={payout}'

async function tokenOf(email) {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      variables: { e: email, p: password },
    }),
  })
  const body = await res.json()
  if (!body.data?.login?.token) throw new Error(`login ${email}: ${JSON.stringify(body)}`)
  return body.data.login.token
}

/**
 * freshClick makes the publisher's own flow (with a postback URL) on the advertiser's public
 * CoinSwap offer, once per run, and sends one visitor through it: a click nobody converted yet.
 */
let flowCode = null
async function freshClick() {
  if (!flowCode) {
    const pub = await tokenOf(pubEmail)
    const { offers } = await graphql(pub, '{ offers(where: {name: "CoinSwap Exchange"}) { edges { node { id } } } }')
    const offerID = offers.edges[0]?.node.id
    check('the demo CoinSwap offer is in the publisher’s catalog', offerID !== undefined)
    const { createFlow } = await graphql(
      pub,
      'mutation($in: CreateFlowInput!) { createFlow(input: $in) { code } }',
      { in: { offerID, name: 'e2e postbacks', postbackURL: trackerURL } },
    )
    flowCode = createFlow.code
  }
  const res = await fetch(`${baseURL}/go/${flowCode}?format=json&sub1=e2e-postbacks`)
  const body = await res.json()
  check(`a click through /go/${flowCode} (${JSON.stringify(body)})`, typeof body.click_id === 'number')
  return String(body.click_id)
}

/** param reads a search param as the page means it (the router quotes numeric-looking strings: "12"). */
function param(url, name) {
  return url.searchParams.get(name)?.replace(/^"(.*)"$/, '$1') ?? null
}

/** atBoth takes a full-page screenshot at 1440 px and at 390 px (checking the phone fits), axe on each. */
async function atBoth(page, name, label) {
  await page.setViewportSize(desktop)
  await axe(page, `${label} 1440`)
  await shot(page, `${name}-1440`)
  await page.setViewportSize(phone)
  await noSidewaysScroll(page, `${label} at 390 px`)
  await axe(page, `${label} 390`)
  await shot(page, `${name}-390`)
  await page.setViewportSize(desktop)
}

tests.push({
  name: 'postbacks: the advertiser copies its postback URL, tries a postback on a fresh click, sees the conversion and finds it in the incoming log',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin', permissions: ['clipboard-read', 'clipboard-write'] },
  async run(context) {
    const clickId = await freshClick()
    const page = await signedInPage(context, advEmail, '/postbacks')
    await expectOneH1(page, 'Postbacks')
    const advToken = await sessionToken(page)

    // The advertiser starts on its incoming log; no outgoing tab for it.
    const tabs = page.getByRole('tablist', { name: 'Postbacks views' })
    expectEqual('advertiser tabs', (await tabs.getByRole('tab').allTextContents()).map((t) => t.trim()), ['Incoming log', 'Integration helper'])
    expectEqual('selected tab', await page.getByTestId('tab-incoming').getAttribute('aria-selected'), 'true')
    await page.getByTestId('incoming-row').first().waitFor()
    const { postbackLogs } = await graphql(advToken, '{ postbackLogs { totalCount } }')
    expectEqual('log count', (await page.getByTestId('incoming-total').textContent()).trim(), `${new Intl.NumberFormat('en-US').format(postbackLogs.totalCount)} postbacks`)
    await atBoth(page, 'postbacks-advertiser-incoming', 'ADVERTISER /postbacks incoming')

    // A refused postback's details say why in words and show what was received.
    await page.goto(`${baseURL}/postbacks?tab=incoming&result=error`)
    await page.getByTestId('incoming-row').first().waitFor()
    await page.getByTestId('incoming-row').first().getByRole('button').click()
    const drawer = page.getByRole('dialog', { name: /^Postback \d+/ })
    await drawer.waitFor()
    await drawer.getByTestId('postback-error').waitFor()
    await drawer.getByTestId('postback-raw').waitFor()
    await drawer.getByTestId('postback-fields').waitFor()
    check('the entry is in the URL', new URL(page.url()).searchParams.has('entry'))
    await axe(page, 'ADVERTISER /postbacks postback details')
    await page.screenshot({ path: join(shotDir, 'postbacks-advertiser-details-1440.png') })
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    // The helper: the ready-made URL as the API gives it, copied with one click.
    await page.getByRole('tab', { name: 'Integration helper' }).click()
    await page.waitForURL((u) => u.searchParams.get('tab') === 'helper')
    const { me } = await graphql(advToken, '{ me { postbackURL } }')
    await page.getByTestId('postback-url').waitFor()
    expectEqual('postback URL shown', (await page.getByTestId('postback-url').textContent()).trim(), me.postbackURL)
    await page.getByRole('button', { name: 'Copy the postback URL' }).click()
    await page.getByRole('button', { name: 'Copied: the postback URL' }).waitFor()
    expectEqual('clipboard', await page.evaluate(() => navigator.clipboard.readText()), me.postbackURL)
    const params = (await page.getByTestId('parameters-table').locator('tbody th').allTextContents()).map((t) => t.trim())
    for (const p of ['key', 'clickid', 'transaction_id', 'goal', 'amount', 'status', 'approve', 'currency', 'country', 'email', 'phone', 'name', 'comment']) {
      check(`parameter ${p} explained (${params})`, params.includes(p))
    }
    const key = new URL(me.postbackURL).searchParams.get('key')
    for (const ex of ['guaranteed', 'expected', 'approve', 'cancel', 'chargeback']) {
      const text = (await page.getByTestId(`example-${ex}`).locator('pre').textContent()).trim()
      check(`example ${ex} is built on the real URL (${text})`, text.startsWith(`${new URL(me.postbackURL).origin}/postback?key=${key}&`))
    }
    await atBoth(page, 'postbacks-advertiser-helper', 'ADVERTISER /postbacks helper')

    // Try it: the fresh click from the recent clicks, a transaction ID, the goal's default status.
    const recent = page.getByRole('combobox', { name: 'Recent click' })
    await recent.click()
    await recent.fill(clickId)
    await page.getByRole('option', { name: new RegExp(`^${clickId} — CoinSwap Exchange`) }).click()
    expectEqual('click ID filled in', await page.getByLabel('Click ID', { exact: true }).inputValue(), clickId)
    // The form validates as /postback does before sending anything.
    await page.getByLabel('Amount', { exact: true }).fill('12,50')
    await page.getByRole('button', { name: 'Send test postback' }).click()
    await page.getByText('Write the amount with “.” as the separator').waitFor()
    await page.getByLabel('Amount', { exact: true }).fill('')
    const txn = `E2E-${clickId}`
    await page.getByLabel('Transaction ID', { exact: true }).fill(txn)
    await page.getByRole('button', { name: 'Send test postback' }).click()
    const result = page.getByTestId('try-result')
    await result.waitFor()
    expectEqual('HTTP status of the try', await result.getAttribute('data-status'), '200')
    expectEqual('result of the try', await result.getAttribute('data-result'), 'created')
    const { conversions } = await graphql(advToken, 'query($c: ID!) { conversions(where: {hasClickWith: [{id: $c}]}) { edges { node { id status transactionID } } } }', { c: clickId })
    expectEqual('one conversion for the click', conversions.edges.length, 1)
    const conv = conversions.edges[0].node
    expectEqual('its transaction ID', conv.transactionID, txn)
    await result.getByText(`Conversion ${conv.id} was created, ${conv.status.toLowerCase()}.`).waitFor()
    await atBoth(page, 'postbacks-advertiser-tried', 'ADVERTISER /postbacks try-it answer')

    // Sending it again is a duplicate, said in words.
    await page.getByRole('button', { name: 'Send test postback' }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="try-result"]')?.getAttribute('data-result') === 'duplicate')
    await result.getByText(`Nothing changed: conversion ${conv.id} is already`).waitFor()

    // The link opens the conversion on the Conversions page.
    await result.getByTestId('try-conversion-link').click()
    await page.waitForURL((u) => u.pathname === '/conversions' && u.searchParams.get('click') !== null)
    await page.locator(`[data-testid="conversion-row"][data-id="${conv.id}"]`).waitFor()

    // The incoming log, filtered by the click ID, holds both postbacks: created, then duplicate.
    await page.goto(`${baseURL}/postbacks?tab=incoming&click=${clickId}`)
    await expectOneH1(page, 'Postbacks')
    await page.getByTestId('incoming-row').first().waitFor()
    expectEqual('log rows for the click', await page.getByTestId('incoming-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-result'))), ['duplicate', 'created'])
    expectEqual('click ID filter shown', await page.getByLabel('Click ID', { exact: true }).inputValue(), clickId)
    await page.getByTestId('incoming-row').last().getByRole('button').click()
    const details = page.getByRole('dialog', { name: /^Postback \d+/ })
    await details.getByTestId('postback-conversion').getByText(`Conversion ${conv.id}`).waitFor()
    await axe(page, 'ADVERTISER /postbacks created postback details')
    await page.keyboard.press('Escape')
    await atBoth(page, 'postbacks-advertiser-filtered', 'ADVERTISER /postbacks incoming by click')
  },
})

tests.push({
  name: 'postbacks: the admin sees every advertiser’s incoming log, the helper for a chosen advertiser and the outgoing log',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const adminToken = await tokenOf(adminEmail)
    const page = await signedInPage(context, adminEmail, '/postbacks')
    await expectOneH1(page, 'Postbacks')
    const tabs = page.getByRole('tablist', { name: 'Postbacks views' })
    expectEqual('admin tabs', (await tabs.getByRole('tab').allTextContents()).map((t) => t.trim()), ['Incoming log', 'Integration helper', 'Outgoing deliveries'])
    await page.getByTestId('incoming-row').first().waitFor()
    const { postbackLogs } = await graphql(adminToken, '{ postbackLogs { totalCount } }')
    expectEqual('admin log count', (await page.getByTestId('incoming-total').textContent()).trim(), `${new Intl.NumberFormat('en-US').format(postbackLogs.totalCount)} postbacks`)
    const heads = (await page.getByTestId('incoming-table').locator('thead th').allTextContents()).map((t) => t.trim())
    check(`the admin sees whose postback it was (${heads})`, heads.includes('Advertiser'))
    await atBoth(page, 'postbacks-admin-incoming', 'ADMIN /postbacks incoming')

    // Filters live in the URL and survive a reload.
    await page.getByLabel('HTTP status').fill('403')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL((u) => u.searchParams.get('http') === '403')
    await page.reload()
    await page.getByTestId('incoming-row').first().waitFor()
    const statuses = await page.getByTestId('incoming-row').evaluateAll((rows) => rows.map((r) => r.children[2]?.textContent))
    check(`only 403s (${statuses})`, statuses.length > 0 && statuses.every((s) => s === '403 Forbidden'))

    // The helper for a chosen advertiser: its URL, as the API gives it to the admin.
    await page.getByRole('tab', { name: 'Integration helper' }).click()
    await page.waitForURL((u) => u.searchParams.get('tab') === 'helper' && !u.searchParams.has('http'))
    await page.getByText('Pick an advertiser', { exact: true }).first().waitFor()
    await axe(page, 'ADMIN /postbacks helper, no advertiser')
    const { users } = await graphql(adminToken, '{ users(where: {email: "adv@demo.cpanet"}) { edges { node { id postbackURL } } } }')
    const adv = users.edges[0].node
    await page.getByRole('combobox', { name: 'Advertiser' }).click()
    await page.getByRole('option', { name: /\(adv@demo\.cpanet\)$/ }).click()
    await page.waitForURL((u) => u.searchParams.get('advertiser') !== null)
    await page.getByTestId('postback-url').waitFor()
    expectEqual('the advertiser’s URL for the admin', (await page.getByTestId('postback-url').textContent()).trim(), adv.postbackURL)
    await page.getByRole('button', { name: 'Send test postback' }).waitFor()
    await atBoth(page, 'postbacks-admin-helper', 'ADMIN /postbacks helper')

    await page.getByRole('tab', { name: 'Outgoing deliveries' }).click()
    await page.waitForURL((u) => u.searchParams.get('tab') === 'outgoing')
    await page.getByTestId('outgoing-total').filter({ hasNotText: 'Loading' }).waitFor()
    await atBoth(page, 'postbacks-admin-outgoing', 'ADMIN /postbacks outgoing')
  },
})

tests.push({
  name: 'postbacks: the publisher sees its outgoing delivery log with the URL masked as the API gives it, filtered in the URL',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    // A conversion on the publisher's own flow makes cpanet call its (unreachable) tracker.
    const clickId = await freshClick()
    const advToken = await tokenOf(advEmail)
    const { me } = await graphql(advToken, '{ me { postbackURL } }')
    const key = new URL(me.postbackURL).searchParams.get('key')
    const pb = await fetch(`${baseURL}/postback?key=${key}&clickid=${clickId}&transaction_id=E2E-OUT-${clickId}`)
    expectEqual('postback for the outgoing log', pb.status, 200)
    const pubToken = await tokenOf(pubEmail)
    let attempt = null
    for (let i = 0; i < 40 && !attempt; i++) {
      const { postbackAttempts } = await graphql(
        pubToken,
        'query($c: ID!) { postbackAttempts(where: {hasConversionWith: [{hasClickWith: [{id: $c}]}]}) { edges { node { id url outcome } } } }',
        { c: clickId },
      )
      attempt = postbackAttempts.edges[0]?.node ?? null
      if (!attempt) await new Promise((r) => setTimeout(r, 250))
    }
    check('the delivery was attempted', attempt !== null)

    const page = await signedInPage(context, pubEmail, '/postbacks')
    await expectOneH1(page, 'Postbacks')
    expectEqual('no tabs for the publisher', await page.getByRole('tablist').count(), 0)
    expectEqual('no helper for the publisher', await page.getByText('Integration helper').count(), 0)
    await page.getByTestId('outgoing-row').first().waitFor()
    await atBoth(page, 'postbacks-publisher-outgoing', 'PUBLISHER /postbacks outgoing')

    await page.getByLabel('Click ID', { exact: true }).fill(clickId)
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL((u) => param(u, 'click') === clickId)
    await page.locator(`[data-testid="outgoing-row"][data-id="${attempt.id}"]`).waitFor()
    const row = page.locator(`[data-testid="outgoing-row"][data-id="${attempt.id}"]`)
    await row.getByText(attempt.url, { exact: true }).waitFor()
    await row.getByText('e2e postbacks').waitFor()
    await row.getByText('No answer').waitFor()
    await atBoth(page, 'postbacks-publisher-filtered', 'PUBLISHER /postbacks outgoing by click')
  },
})

tests.push({
  name: 'postbacks: a refused postback for a click is found in the incoming log by that click ID and by its transaction ID',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const clickId = await freshClick()
    const advToken = await tokenOf(advEmail)
    const { me } = await graphql(advToken, '{ me { postbackURL } }')
    const key = new URL(me.postbackURL).searchParams.get('key')
    const txn = `E2E-BAD-${clickId}`
    // A wrong amount (400) with the advertiser's key, and the same click with a wrong key (403).
    const bad = await fetch(`${baseURL}/postback?key=${key}&clickid=${clickId}&transaction_id=${txn}&amount=abc`)
    expectEqual('bad amount refused', bad.status, 400)
    const wrongKey = await fetch(`${baseURL}/postback?key=e2e-wrong-key&clickid=${clickId}&transaction_id=${txn}-KEY`)
    expectEqual('wrong key refused', wrongKey.status, 403)

    // The API: the advertiser finds its refused postback by click ID and by transaction ID; the
    // wrong-key one belongs to no advertiser (the admin's only); another advertiser finds nothing.
    const q = 'query($w: PostbackLogWhereInput) { postbackLogs(where: $w) { edges { node { id httpStatus result clickID transactionID } } } }'
    const byClick = (await graphql(advToken, q, { w: { clickID: clickId } })).postbackLogs.edges.map((e) => e.node)
    expectEqual('advertiser: rows for the click', byClick.map((n) => [n.httpStatus, n.result, n.clickID, n.transactionID]), [[400, 'error', clickId, txn]])
    const byTxn = (await graphql(advToken, q, { w: { transactionID: txn } })).postbackLogs.edges.map((e) => e.node.id)
    expectEqual('advertiser: rows for the transaction', byTxn, [byClick[0].id])
    const admin = await tokenOf(adminEmail)
    const adminRows = (await graphql(admin, q, { w: { clickID: clickId } })).postbackLogs.edges.map((e) => e.node.httpStatus).sort()
    expectEqual('admin: rows for the click', adminRows, [400, 403])
    const other = await tokenOf('adv2@demo.cpanet')
    expectEqual('another advertiser: none', (await graphql(other, q, { w: { clickID: clickId } })).postbackLogs.edges.length, 0)

    // The page: the click ID filter (typed in) finds the refused postback; its details show both IDs.
    const page = await signedInPage(context, advEmail, '/postbacks')
    await expectOneH1(page, 'Postbacks')
    await page.getByTestId('incoming-row').first().waitFor()
    await page.getByLabel('Click ID', { exact: true }).fill(clickId)
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL((u) => param(u, 'click') === clickId)
    const row = page.locator(`[data-testid="incoming-row"][data-id="${byClick[0].id}"]`)
    await row.waitFor()
    // The refused row is also the newest of the unfiltered log: wait for the filtered answer.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="incoming-row"]').length === 1).catch(() => {})
    expectEqual('log rows for the click', await page.getByTestId('incoming-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-result'))), ['error'])
    await row.getByText(txn, { exact: true }).waitFor()
    await atBoth(page, 'postbacks-advertiser-refused-by-click', 'ADVERTISER /postbacks refused postback by click')
    await row.getByRole('button').click()
    const details = page.getByRole('dialog', { name: /^Postback \d+/ })
    await details.getByTestId('postback-error').waitFor()
    expectEqual('details: click ID', (await details.getByTestId('postback-click').textContent()).trim(), clickId)
    expectEqual('details: transaction ID', (await details.getByTestId('postback-txn').textContent()).trim(), txn)
    await axe(page, 'ADVERTISER /postbacks refused postback details')
    await page.keyboard.press('Escape')
    await details.waitFor({ state: 'hidden' })

    // The transaction ID filter, from the URL, finds the same row.
    await page.goto(`${baseURL}/postbacks?tab=incoming&txn=${txn}`)
    await page.locator(`[data-testid="incoming-row"][data-id="${byClick[0].id}"]`).waitFor()
    expectEqual('log rows for the transaction', await page.getByTestId('incoming-row').count(), 1)
  },
})

tests.push({
  name: 'postbacks: the click ID filter finds every row that shows the click, and the demo log reads in order',
  context: { viewport: desktop, timezoneId: 'UTC' },
  async run(context) {
    const advToken = await tokenOf(advEmail)
    // A demo postback by transaction ID alone: it names no click, the log shows its conversion's.
    const q = `query($w: PostbackLogWhereInput) { postbackLogs(first: 5, where: $w, orderBy: {field: CREATED_AT, direction: DESC}) {
      edges { node { id result clickID conversion { click { id } } } } } }`
    const noClick = (await graphql(advToken, q, { w: { clickIDIsNil: true, hasConversion: true, result: 'duplicate' } })).postbackLogs.edges.map((e) => e.node)
    check('the demo has a duplicate postback by transaction ID', noClick.length > 0)
    const { id, conversion } = noClick[0]
    const clickId = conversion.click.id

    const page = await signedInPage(context, advEmail, `/postbacks?tab=incoming&click=${clickId}`)
    await expectOneH1(page, 'Postbacks')
    const row = page.locator(`[data-testid="incoming-row"][data-id="${id}"]`)
    await row.waitFor()
    check('the row shows the click filtered by', (await row.textContent()).includes(clickId))
    const results = await page.getByTestId('incoming-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-result')))
    // Newest first: the conversion was created before anything refers to it again.
    expectEqual('the oldest row for the click created its conversion', results[results.length - 1], 'created')
    const created = results.lastIndexOf('created')
    for (const r of ['duplicate', 'ignored']) {
      const i = results.indexOf(r)
      check(`${r} comes after the conversion (${results})`, i === -1 || i < created)
    }
    await row.getByRole('button').click()
    const details = page.getByRole('dialog', { name: /^Postback \d+/ })
    expectEqual('details: no click sent, the conversion’s shown', (await details.getByTestId('postback-click').textContent()).trim(),
      `not sent (the conversion’s click: ${clickId})`)
    await axe(page, 'ADVERTISER /postbacks filtered by the click of a postback by transaction ID')
    await shot(page, 'postbacks-advertiser-by-click-with-txn-only')
  },
})

tests.push({
  name: 'postbacks: the helper’s examples use the chosen offer’s own goals; a new publisher is sent to its default postback under Flows',
  context: { viewport: desktop, timezoneId: 'UTC' },
  async run(context) {
    const advToken = await tokenOf(advEmail)
    const offers = (await graphql(advToken, '{ offers(first: 50) { edges { node { id name currency goals { code } } } } }')).offers.edges.map((e) => e.node)
    const withGoals = offers.filter((o) => o.goals.length > 0)
    check('the demo advertiser has two offers with goals', withGoals.length >= 2)
    const page = await signedInPage(context, advEmail, '/postbacks?tab=helper')
    await expectOneH1(page, 'Postbacks')
    const pick = page.getByRole('combobox', { name: 'Offer of the examples' })
    for (const o of withGoals.slice(0, 3)) {
      await pick.click()
      await page.getByRole('option', { name: `${o.name} (${o.currency})`, exact: true }).click()
      await page.getByTestId('example-approve').waitFor()
      const urls = await page.locator('[data-testid^="example-"] pre').allTextContents()
      const codes = urls.flatMap((u) => {
        const g = new URL(u.trim()).searchParams.get('goal')
        return g ? [g] : []
      })
      check(`examples of ${o.name} name goals (${codes})`, codes.length > 0)
      for (const c of codes) check(`goal ${c} is ${o.name}’s own (${o.goals.map((g) => g.code)})`, o.goals.some((g) => g.code === c))
    }
    await axe(page, 'ADVERTISER /postbacks helper with an offer chosen')
    await shot(page, 'postbacks-advertiser-helper-offer')

    // A publisher without deliveries: told where the default postback is (Flows, not Settings).
    const admin = await tokenOf(adminEmail)
    const email = `postbacks-pub-${Date.now()}@e2e.cpanet`
    await graphql(admin, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email, password, name: 'New Publisher', role: 'PUBLISHER' } })
    // A context of its own: this one is signed in as the advertiser.
    const other = await context.browser().newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' })
    const pub = await signedInPage(other, email, '/postbacks')
    const empty = pub.getByText(/cpanet calls your tracker/)
    await empty.waitFor()
    const text = await empty.textContent()
    check(`the empty log points to Flows (${text})`, text.includes('Flows page') && !text.includes('Settings'))
    await axe(pub, 'new PUBLISHER /postbacks empty')
    await pub.getByRole('link', { name: 'Open your default postback in Flows' }).click()
    await pub.waitForURL((u) => u.pathname === '/flows' && u.searchParams.get('tab') === 'postback')
    await pub.getByRole('heading', { name: 'Default postback' }).waitFor()
    await other.close()
  },
})
