// Real-browser tests of /conversions: status tabs, columns and controls by role, bulk approve with
// a confirmation that names the money (checked against the publisher's balance), per-row failures,
// the side panel (click, history, contact), URL state, axe and screenshots per role.
import { join } from 'node:path'
import { axe, baseURL, check, desktop, expectEqual, expectOneH1, graphql, password, phone, shot, shotDir, signedInPage, sessionToken } from './harness.mjs'

export const tests = []

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

/** cents turns a Decimal string into BigInt hundredths (the API's money has at most 2 here). */
function units(decimal) {
  const [whole, fraction = ''] = decimal.split('.')
  const v = BigInt(whole.replace('-', '') + fraction.padEnd(4, '0').slice(0, 4))
  return decimal.startsWith('-') ? -v : v
}
function fromUnits(u) {
  const neg = u < 0n
  const s = (neg ? -u : u).toString().padStart(5, '0')
  return `${neg ? '-' : ''}${s.slice(0, -4)}.${s.slice(-4)}`
}
const usd = (decimal) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(decimal)

async function usdBalance(pubToken) {
  const { balances } = await graphql(pubToken, '{ balances { currency credit pendingCredit } }')
  const b = balances.find((x) => x.currency === 'USD') ?? { credit: '0', pendingCredit: '0' }
  return { credit: units(b.credit), pending: units(b.pendingCredit) }
}

/** pendingOf lists the newest pending USD conversions of pub on adv's offers, as the admin reads them. */
async function pendingOf(adminToken, n, where = {
  status: 'PENDING',
  currency: 'USD',
  hasPublisherWith: [{ email: 'pub@demo.cpanet' }],
  hasOfferWith: [{ hasAdvertiserWith: [{ email: 'adv@demo.cpanet' }] }],
}) {
  const data = await graphql(
    adminToken,
    `query($n: Int!, $w: ConversionWhereInput!) { conversions(first: $n, orderBy: {field: CREATED_AT, direction: DESC}, where: $w) {
      edges { node { id payout revenue currency click { id } } } } }`,
    { n, w: where },
  )
  return data.conversions.edges.map((e) => e.node)
}

/** viewShot takes what the viewer sees (not the whole long list): dialogs and the side panel. */
async function viewShot(page, name) {
  await page.screenshot({ path: join(shotDir, `${name}.png`) })
}

async function headers(page) {
  return (await page.getByTestId('conversions-table').locator('thead th').allTextContents()).map((t) => t.trim())
}

tests.push({
  name: 'conversions: the advertiser bulk-approves two pending conversions, the confirmation names the money and the publisher’s balance moves by their payouts',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const adminToken = await tokenOf('admin@demo.cpanet')
    const pubToken = await tokenOf('pub@demo.cpanet')
    const picked = await pendingOf(adminToken, 2)
    expectEqual('pending demo conversions to approve', picked.length, 2)
    const before = await usdBalance(pubToken)

    const page = await signedInPage(context, 'adv@demo.cpanet', '/conversions')
    await expectOneH1(page, 'Conversions')
    // Advertisers start on the pending tab, which comes first.
    const tabs = page.getByRole('tablist', { name: 'Conversions by status' })
    expectEqual('first tab', ((await tabs.getByRole('tab').first().textContent()) ?? '').replace(/[\d,…\s]+$/, '').trim(), 'Pending')
    expectEqual('selected tab', await page.getByTestId('tab-PENDING').getAttribute('aria-selected'), 'true')
    await page.getByTestId('conversion-row').first().waitFor()
    const advToken = await sessionToken(page)
    const count = await graphql(advToken, '{ conversions(where: {status: PENDING}) { totalCount } }')
    expectEqual('pending count on the tab', (await page.getByTestId('count-PENDING').textContent()).trim(), new Intl.NumberFormat('en-US').format(count.conversions.totalCount))

    // Columns by role: the advertiser's cost, never payouts, profit or publishers.
    const h = await headers(page)
    check(`Cost column (${h})`, h.includes('Cost'))
    for (const hidden of ['Payout', 'Profit', 'Revenue', 'Publisher']) check(`no ${hidden} column for the advertiser (${h})`, !h.includes(hidden))
    await axe(page, 'ADVERTISER /conversions')
    await shot(page, 'conversions-page-advertiser')
    await viewShot(page, 'conversions-view-advertiser')

    // 100 rows a page (the page size is in the URL) holds the publisher's newest pending ones.
    await page.getByLabel('Rows per page', { exact: true }).first().click()
    await page.getByRole('option', { name: '100', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('size') === '100')
    await page.getByRole('checkbox', { name: `Select conversion ${picked[1].id}` }).waitFor()

    for (const c of picked) await page.getByRole('checkbox', { name: `Select conversion ${c.id}` }).check()
    await page.getByText('2 selected').waitFor()
    await page.getByRole('button', { name: 'Approve…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Approve conversions' })
    await dialog.waitFor()
    const cost = fromUnits(picked.reduce((s, c) => s + units(c.revenue), 0n))
    const sentence = (await dialog.getByTestId('bulk-money').textContent()).trim()
    expectEqual('confirmation names the money', sentence, `Approving 2 conversions confirms ${usd(cost)} of cost for you.`)
    await dialog.getByLabel('Comment').fill('e2e: approved in bulk')
    await axe(page, 'ADVERTISER /conversions approve dialog')
    await viewShot(page, 'conversions-approve-advertiser')
    await dialog.getByRole('button', { name: 'Approve 2' }).click()
    const result = page.getByTestId('bulk-result')
    await result.getByText('2 conversions approved').waitFor()
    await dialog.waitFor({ state: 'hidden' })
    // The list refreshed: the approved ones left the pending tab.
    await page.getByRole('checkbox', { name: `Select conversion ${picked[0].id}` }).waitFor({ state: 'detached' })

    // The publisher's money moved by exactly their payouts: pending credit → credit.
    const payout = picked.reduce((s, c) => s + units(c.payout), 0n)
    const after = await usdBalance(pubToken)
    expectEqual('publisher credit change', fromUnits(after.credit - before.credit), fromUnits(payout))
    expectEqual('publisher pending credit change', fromUnits(before.pending - after.pending), fromUnits(payout))

    // The side panel: the click behind it, the history (who and why), the contact section.
    await page.goto(`${baseURL}/conversions?status=ALL&click=${picked[0].click.id}`)
    await page.getByRole('button', { name: `Details of conversion ${picked[0].id}` }).click()
    const drawer = page.getByRole('dialog', { name: `Conversion ${picked[0].id}` })
    await drawer.waitFor()
    const history = drawer.getByTestId('conversion-history')
    await history.getByText('Pending → Approved').waitFor()
    await history.getByText('“e2e: approved in bulk”').waitFor()
    await drawer.getByText(picked[0].click.id, { exact: true }).waitFor()
    await drawer.getByTestId('conversion-contact').waitFor()
    await axe(page, 'ADVERTISER /conversions side panel')
    await viewShot(page, 'conversions-panel-advertiser')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  },
})

tests.push({
  name: 'conversions: the admin sees revenue, payout and profit, filters live in the URL, and a conversion that changed meanwhile is reported',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const adminToken = await tokenOf('admin@demo.cpanet')
    // The two newest pending conversions: the first rows of the admin's default view.
    const picked = await pendingOf(adminToken, 2, { status: 'PENDING' })
    expectEqual('pending demo conversions', picked.length, 2)

    const page = await signedInPage(context, 'admin@demo.cpanet', '/conversions')
    await expectOneH1(page, 'Conversions')
    await page.getByTestId('conversion-row').first().waitFor()
    const h = await headers(page)
    for (const col of ['Revenue', 'Payout', 'Profit', 'Publisher', 'Amount', 'Transaction ID', 'Country']) check(`${col} column for the admin (${h})`, h.includes(col))
    await axe(page, 'ADMIN /conversions')
    await shot(page, 'conversions-page-admin')

    for (const c of picked) await page.getByRole('checkbox', { name: `Select conversion ${c.id}` }).check()
    // Someone else cancels one of them in the meantime.
    await graphql(adminToken, 'mutation($ids: [ID!]!) { cancelConversions(ids: $ids, reason: DUPLICATE, comment: "meanwhile") { id } }', { ids: [picked[1].id] })
    await page.getByRole('button', { name: 'Approve…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Approve conversions' })
    const byCurrency = new Map()
    for (const c of picked) byCurrency.set(c.currency, (byCurrency.get(c.currency) ?? 0n) + units(c.payout))
    const payout = [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cur, u]) => new Intl.NumberFormat('en-US', { style: 'currency', currency: cur }).format(fromUnits(u)))
      .join(' and ')
    const sentence = (await dialog.getByTestId('bulk-money').textContent()).trim()
    check(`admin confirmation names the payout ${payout}: ${sentence}`, sentence.includes(`moves ${payout} of publisher payout`))
    await dialog.getByRole('button', { name: 'Approve 2' }).click()
    const result = page.getByTestId('bulk-result')
    await result.getByText('1 conversion approved').waitFor()
    await result.getByText(`${picked[1].id}: not pending any more`).waitFor()
    await shot(page, 'conversions-result-admin')

    // Filters are in the URL: a shared link and a reload keep them.
    await page.getByRole('tab', { name: /^All/ }).click()
    await page.waitForURL((u) => u.searchParams.get('status') === 'ALL')
    await page.getByLabel('Country').fill('us')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL((u) => u.searchParams.get('country') === 'US')
    await page.reload()
    await expectOneH1(page, 'Conversions')
    expectEqual('country after reload', await page.getByLabel('Country').inputValue(), 'US')
    expectEqual('tab after reload', await page.getByTestId('tab-ALL').getAttribute('aria-selected'), 'true')
    await page.getByTestId('conversion-row').first().waitFor()
    const countries = await page.getByTestId('conversion-row').evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent))
    check(`every row is from the US (${countries.slice(0, 5)})`, countries.every((c) => c === 'US'))
    // Paging through the connection: the next page, then back.
    const first = await page.getByTestId('conversion-row').first().getAttribute('data-id')
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.waitForURL((u) => u.searchParams.has('after'))
    await page.waitForFunction((id) => document.querySelector('[data-testid="conversion-row"]')?.getAttribute('data-id') !== id, first)
    await page.goBack()
    await page.waitForFunction((id) => document.querySelector('[data-testid="conversion-row"]')?.getAttribute('data-id') === id, first)
  },
})

tests.push({
  name: 'conversions: a publisher starts on All, sees its payout and no bulk controls or contact details',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const page = await signedInPage(context, 'pub@demo.cpanet', '/conversions')
    await expectOneH1(page, 'Conversions')
    expectEqual('selected tab', await page.getByTestId('tab-ALL').getAttribute('aria-selected'), 'true')
    expectEqual('first tab', (await page.getByRole('tab').first().getAttribute('data-testid')), 'tab-ALL')
    await page.getByTestId('conversion-row').first().waitFor()
    const h = await headers(page)
    check(`Payout column (${h})`, h.includes('Payout'))
    for (const hidden of ['Revenue', 'Cost', 'Profit', 'Publisher']) check(`no ${hidden} column for the publisher (${h})`, !h.includes(hidden))
    expectEqual('bulk controls', await page.getByTestId('bulk-bar').count(), 0)
    expectEqual('row checkboxes', await page.getByRole('checkbox').count(), 0)
    expectEqual('approve buttons', await page.getByRole('button', { name: /Approve|Cancel…/ }).count(), 0)
    await axe(page, 'PUBLISHER /conversions')
    await shot(page, 'conversions-page-publisher')

    const id = await page.getByTestId('conversion-row').first().getAttribute('data-id')
    await page.getByRole('button', { name: `Details of conversion ${id}` }).press('Enter')
    const drawer = page.getByRole('dialog', { name: `Conversion ${id}` })
    await drawer.getByTestId('conversion-history').locator('li').first().waitFor()
    expectEqual('contact section for a publisher', await drawer.getByTestId('conversion-contact').count(), 0)
    expectEqual('contact wording for a publisher', await drawer.getByText('contact', { exact: false }).count(), 0)
    await axe(page, 'PUBLISHER /conversions side panel')
    await viewShot(page, 'conversions-panel-publisher')
  },
})

tests.push({
  name: 'conversions: phone (390 px) without sideways page scrolling',
  context: { viewport: phone, timezoneId: 'Europe/Berlin', isMobile: true, hasTouch: true },
  async run(context) {
    const page = await signedInPage(context, 'adv@demo.cpanet', '/conversions')
    await expectOneH1(page, 'Conversions')
    await page.getByTestId('conversion-row').first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    check(`page scrolls sideways by ${overflow}px`, overflow <= 0)
    // The list comes first on a phone; the filters open on demand.
    await axe(page, 'ADVERTISER /conversions phone')
    await shot(page, 'conversions-phone-advertiser')
    await page.getByRole('button', { name: 'Show filters' }).click()
    await page.getByLabel('Transaction ID').waitFor({ state: 'visible' })
    await axe(page, 'ADVERTISER /conversions phone, filters open')
  },
})

tests.push({
  name: 'conversions: the publisher sees the flow and the sub1 label of each conversion',
  context: { viewport: desktop, timezoneId: 'UTC' },
  async run(context) {
    const page = await signedInPage(context, 'pub@demo.cpanet', '/conversions')
    await expectOneH1(page, 'Conversions')
    const table = page.getByTestId('conversions-table')
    await table.locator('tbody tr').first().waitFor()
    const heads = (await table.locator('thead th').allTextContents()).map((t) => t.trim())
    check(`Flow and Sub1 columns (${heads})`, heads.includes('Flow') && heads.includes('Sub1'))
    const col = async (name) => table.locator(`tbody tr > :nth-child(${heads.indexOf(name) + 1})`).allTextContents()
    const flows = await col('Flow')
    check(`every conversion names its flow (${flows.slice(0, 5)})`, flows.length > 0 && flows.every((f) => f.trim() !== '' && f.trim() !== '—'))
    check(`the demo's labels show (${(await col('Sub1')).slice(0, 5)})`, (await col('Sub1')).some((s) => s.trim() !== '—'))
    await axe(page, 'PUBLISHER /conversions with flow and sub1')
    await shot(page, 'conversions-publisher-flow-sub1')
  },
})
