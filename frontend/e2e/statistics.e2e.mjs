// Real-browser tests of /statistics: the numbers against the API (same token, timezone and
// filters), deep links with every filter, server-side sorting, the CSV export of the view on
// screen, axe and screenshots for every role. Run by e2e/run.mjs (E2E_ONLY=statistics).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  baseURL,
  timeout,
  desktop,
  phone,
  roles,
  expectEqual,
  check,
  axe,
  shot,
  expectOneH1,
  signedInPage,
  graphql,
  dayIn,
  sessionToken,
  shotDir,
} from './harness.mjs'

export const tests = []

const tz = 'Europe/Berlin'
const count = (n) => new Intl.NumberFormat('en-US').format(n)

const reportQuery = `query($g: [StatDimension!]!, $f: StatFilter!, $tz: String!, $b: DateBasis!, $o: StatOrder, $l: Int!) {
  statistics(groupBy: $g, filter: $f, timezone: $tz, dateBasis: $b, orderBy: $o, limit: $l) {
    rows { date sub1 country offerID currency clicks conversions }
    totalsByCurrency { currency clicks conversions approved }
    totals { clicks }
    totalRows
  }
}`

/** headers returns the table's column names, without the sort arrows. */
async function headers(page) {
  return (await page.getByTestId('stats-table').locator('thead th').allTextContents()).map((t) => t.replace(/[▲▼]/g, '').trim())
}

/** column reads the cells of the named column from the table's body. */
async function column(page, name) {
  const i = (await headers(page)).indexOf(name)
  check(`column ${name}`, i >= 0)
  return page.getByTestId('stats-table').locator(`tbody tr > :nth-child(${i + 1})`).allTextContents()
}

async function token(page) {
  return sessionToken(page)
}

/** waitForReport waits until the table shows the report of the page's current URL. */
async function waitForReport(page) {
  await page.getByTestId('stats-table').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid=stats-range]')?.textContent?.startsWith('Rows'))
  await page.waitForLoadState('networkidle')
  // The table is aria-busy while it still shows the previous answer (loading or rendering).
  await page.locator('[data-testid=stats-table]:not([aria-busy=true])').waitFor()
}

tests.push({
  name: 'statistics: the publisher sees the API numbers grouped by DATE then SUB1',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    const from = dayIn(tz, -6)
    const to = dayIn(tz)
    const page = await signedInPage(context, 'pub@demo.cpanet', `/statistics?from=${from}&to=${to}&groupBy=DATE,SUB1&tz=${tz}`)
    await expectOneH1(page, 'Statistics')
    await waitForReport(page)
    const h = await headers(page)
    expectEqual('dimension columns first', h.slice(0, 2), ['Date', 'Sub1'])
    for (const name of ['Clicks', 'Unique', 'Conversions', 'Pending', 'Approved', 'Cancelled', 'CR', 'EPC', 'Payout', 'Pending payout']) {
      check(`publisher column ${name} (${h})`, h.includes(name))
    }
    for (const name of ['Revenue', 'Profit', 'Cost']) check(`no ${name} for the publisher`, !h.includes(name))

    const data = await graphql(await token(page), reportQuery, {
      g: ['DATE', 'SUB1'],
      f: { from, to },
      tz,
      b: 'CLICK',
      // The page's default for a report by date: newest first.
      o: { field: 'DIMENSIONS', direction: 'DESC' },
      l: 50,
    })
    const api = data.statistics
    check('the demo has rows', api.totalRows > 0)
    expectEqual('rows line', (await page.getByTestId('stats-range').textContent()).trim(), `Rows 1–${count(Math.min(50, api.totalRows))} of ${count(api.totalRows)}`)
    expectEqual('first rows clicks', (await column(page, 'Clicks')).slice(0, 10), api.rows.slice(0, 10).map((r) => count(r.clicks)))
    expectEqual('first rows sub1', (await column(page, 'Sub1')).slice(0, 10), api.rows.slice(0, 10).map((r) => r.sub1 || '(none)'))

    // One totals row per currency, first cell "Total", with the API's totalsByCurrency.
    const clicksAt = h.indexOf('Clicks')
    for (const t of api.totalsByCurrency) {
      const row = page.locator(`[data-testid=stats-total][data-currency=${t.currency}]`)
      const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim())
      expectEqual(`totals ${t.currency} first cell`, cells[0], 'Total')
      // The Total cell spans the two dimension columns: a totals row has one cell fewer before Clicks.
      expectEqual(`totals ${t.currency} clicks`, cells[clicksAt - 1], count(t.clicks))
    }
    await axe(page, 'PUBLISHER / statistics by DATE, SUB1')
    await shot(page, 'statistics-publisher')
  },
})

tests.push({
  name: 'statistics: a publisher filters by one sub1 label and sees the API total',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    const from = dayIn(tz, -6)
    const to = dayIn(tz)
    const page = await signedInPage(context, 'pub@demo.cpanet', `/statistics?from=${from}&to=${to}&groupBy=DATE&tz=${tz}`)
    await waitForReport(page)
    const tok = await token(page)
    const vars = { g: ['SUB1'], f: { from, to }, tz, b: 'CLICK', o: { field: 'CLICKS', direction: 'DESC' }, l: 50 }
    const label = (await graphql(tok, reportQuery, vars)).statistics.rows.find((r) => r.sub1)?.sub1
    check('the demo has a sub1 label', Boolean(label))
    const input = page.getByRole('combobox', { name: 'Sub1 labels' })
    await input.fill(label)
    await input.press('Enter')
    await page.waitForURL((u) => u.searchParams.get('sub1') === label)
    await waitForReport(page)
    const api = (await graphql(tok, reportQuery, { ...vars, g: ['DATE'], f: { from, to, sub1: [label] } })).statistics
    const all = (await graphql(tok, reportQuery, { ...vars, g: ['DATE'] })).statistics
    check(`the filter narrows (${api.totals.clicks} of ${all.totals.clicks})`, api.totals.clicks > 0 && api.totals.clicks <= all.totals.clicks)
    const shown = (await column(page, 'Clicks')).reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)
    expectEqual('clicks on screen as the API with sub1', count(shown), count(api.totals.clicks))
  },
})

tests.push({
  name: 'statistics: a deep link with filters reloads into the same view, and back goes back',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    const page = await signedInPage(context, 'adv@demo.cpanet', '/')
    const tok = await token(page)
    const offers = (await graphql(tok, '{ offers(first: 50) { edges { node { id name } } } }')).offers.edges.map((e) => e.node)
    const offer = offers[0]
    const zone = 'America/New_York'
    const from = dayIn(zone, -13)
    const to = dayIn(zone, -1)
    const deep = `/statistics?from=${from}&to=${to}&groupBy=OFFER,COUNTRY&tz=${zone}&offers=${offer.id}&countries=DE,US&basis=CONVERSION&sort=CLICKS.desc`
    await page.goto(baseURL + deep)
    await waitForReport(page)
    const expectView = async (when) => {
      expectEqual(`${when}: from`, (await page.getByTestId('statistics-from').textContent()).trim(), from)
      expectEqual(`${when}: to`, (await page.getByTestId('statistics-to').textContent()).trim(), to)
      expectEqual(`${when}: timezone`, await page.getByRole('combobox', { name: 'Report timezone' }).inputValue(), zone)
      expectEqual(`${when}: basis`, await page.getByRole('combobox', { name: 'Count conversions on the day of' }).inputValue(), 'The conversion')
      const sorted = page.getByTestId('stats-table').locator('th[aria-sort]')
      expectEqual(`${when}: one sorted column`, await sorted.count(), 1)
      expectEqual(`${when}: sorted by clicks`, (await sorted.textContent()).replace(/[▲▼]/g, '').trim(), 'Clicks')
      expectEqual(`${when}: descending`, await sorted.getAttribute('aria-sort'), 'descending')
      const h = await headers(page)
      expectEqual(`${when}: grouped by offer then country`, h.slice(0, 2), ['Offer', 'Country'])
      check(`${when}: offer filter shows its name`, (await page.getByText(offer.name).count()) > 0)
      check(`${when}: no publisher column for advertisers (${h})`, !h.includes('Payout') && h.includes('Cost'))
      const countries = new Set(await column(page, 'Country'))
      check(`${when}: only DE and US (${[...countries]})`, [...countries].every((c) => c === 'DE' || c === 'US'))
    }
    await expectView('deep link')
    const api = (
      await graphql(tok, reportQuery, {
        g: ['OFFER', 'COUNTRY'],
        f: { from, to, offerIDs: [offer.id], countries: ['DE', 'US'] },
        tz: zone,
        b: 'CONVERSION',
        o: { field: 'CLICKS', direction: 'DESC' },
        l: 50,
      })
    ).statistics
    expectEqual('clicks as the API with the same filters', await column(page, 'Clicks'), api.rows.map((r) => count(r.clicks)))
    await page.reload()
    await waitForReport(page)
    await expectView('after reload')
    // A change goes into the URL; the back button brings the view back.
    await page.getByRole('button', { name: 'Conversions', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'CONVERSIONS.desc')
    await page.goBack()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'CLICKS.desc')
    await waitForReport(page)
    await expectView('after back')
    await axe(page, 'ADVERTISER / statistics with filters')
    await shot(page, 'statistics-advertiser')
  },
})

tests.push({
  name: 'statistics: sorting a column changes the order (server-side, aria-sort)',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    const page = await signedInPage(context, 'admin@demo.cpanet', '/statistics?groupBy=OFFER')
    await waitForReport(page)
    const numbers = async (name) => (await column(page, name)).map((t) => Number(t.replace(/[^\d.-]/g, '')))
    const before = await column(page, 'Offer')
    await page.getByRole('button', { name: 'Clicks', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'CLICKS.desc')
    await waitForReport(page)
    const th = page.getByTestId('stats-table').locator('th', { has: page.getByRole('button', { name: 'Clicks', exact: true }) })
    expectEqual('aria-sort', await th.getAttribute('aria-sort'), 'descending')
    const desc = await numbers('Clicks')
    check(`clicks descending (${desc})`, desc.every((v, i) => i === 0 || desc[i - 1] >= v))
    check('the order changed', JSON.stringify(await column(page, 'Offer')) !== JSON.stringify(before) || desc.length < 2)
    await page.getByRole('button', { name: 'Clicks', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'CLICKS.asc')
    await waitForReport(page)
    expectEqual('aria-sort', await th.getAttribute('aria-sort'), 'ascending')
    const asc = await numbers('Clicks')
    check(`clicks ascending (${asc})`, asc.every((v, i) => i === 0 || asc[i - 1] <= v))
    // The admin sorts by profit too (the API allows it for the admin only).
    await page.getByRole('button', { name: 'Profit', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'PROFIT.desc')
    await waitForReport(page)
    await axe(page, 'ADMIN / statistics sorted by profit')
    await shot(page, 'statistics-admin')
  },
})

tests.push({
  name: 'statistics: names, not IDs, sorted as shown; newest day first by default',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    // The admin: landings and publishers by name (no "Landing 30064771073"), offers sorted by name.
    const page = await signedInPage(context, 'admin@demo.cpanet', '/statistics?groupBy=LANDING')
    await waitForReport(page)
    const landings = await column(page, 'Landing')
    check(`landings by name (${landings})`, landings.length > 1 && landings.every((l) => !/\d{3,}/.test(l)))
    check(`a landing says its offer (${landings})`, landings.some((l) => / \(.+\)$/.test(l)))
    await page.goto(`${baseURL}/statistics?groupBy=PUBLISHER`)
    await waitForReport(page)
    const pubs = await column(page, 'Publisher')
    check(`publishers by name (${pubs})`, pubs.length > 1 && pubs.every((p) => !/^Publisher \d+$/.test(p)))
    const lower = (xs) => xs.map((x) => x.toLowerCase())
    const sorted = (xs) => [...lower(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    await page.goto(`${baseURL}/statistics?groupBy=OFFER`)
    await waitForReport(page)
    const th = page.getByTestId('stats-table').locator('th', { has: page.getByRole('button', { name: 'Offer', exact: true }) })
    expectEqual('grouped by offer: A–Z by default', await th.getAttribute('aria-sort'), 'ascending')
    const offers = (await column(page, 'Offer')).filter((o) => o !== 'No offer')
    expectEqual('offers sorted by their names', lower(offers), sorted(offers))
    await page.getByRole('button', { name: 'Offer', exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'DIMENSIONS.desc')
    await waitForReport(page)
    const desc = (await column(page, 'Offer')).filter((o) => o !== 'No offer')
    expectEqual('offers sorted by their names, Z–A', lower(desc), sorted(desc).reverse())

    // By date: the newest day first, and the URL stays clean.
    await page.goto(`${baseURL}/statistics`)
    await waitForReport(page)
    const dateTh = page.getByTestId('stats-table').locator('th', { has: page.getByRole('button', { name: 'Date', exact: true }) })
    expectEqual('by date: newest first', await dateTh.getAttribute('aria-sort'), 'descending')
    const first = (await column(page, 'Date'))[0]
    const today = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(new Date())
    expectEqual('the first row is today', first, today)
    check('no sort in the URL for the default', !new URL(page.url()).searchParams.has('sort'))

    // At 1440 px every money column can be reached: the table scrolls in its box, the first
    // column and the header stay in view.
    const region = page.getByRole('region', { name: /Statistics table/ })
    await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; el.scrollTop = 200 })
    await page.waitForTimeout(100)
    const box = await region.boundingBox()
    for (const name of ['Payout', 'Pending payout', 'Profit']) {
      const b = await page.getByRole('button', { name, exact: true }).boundingBox()
      check(`${name} header in view after scrolling sideways (${JSON.stringify(b)} in ${JSON.stringify(box)})`,
        b !== null && b.x >= box.x && b.x + b.width <= box.x + box.width + 1 && b.y >= box.y - 1)
    }
    const firstCell = await page.getByTestId('stats-table').locator('tbody tr:nth-child(6) > :first-child').boundingBox()
    check(`the first column stays in view (${JSON.stringify(firstCell)})`, Math.abs(firstCell.x - box.x) <= 1)
    await axe(page, 'ADMIN / statistics scrolled sideways')
    await region.screenshot({ path: join(shotDir, 'statistics-admin-scrolled.png') })
  },
})

tests.push({
  name: 'statistics: a publisher grouped by publisher sees its own name',
  context: { viewport: desktop, timezoneId: tz },
  async run(context) {
    const page = await signedInPage(context, 'pub@demo.cpanet', '/statistics?groupBy=PUBLISHER,FLOW')
    await waitForReport(page)
    // The demo's pub@demo.cpanet is "Demo Publisher" (its name in the header's user menu too).
    expectEqual('its own name, not its ID', [...new Set(await column(page, 'Publisher'))], ['Demo Publisher'])
    const flows = await column(page, 'Flow')
    check(`flows by name (${flows})`, flows.every((f) => !/^Flow \d+$/.test(f)))
    await axe(page, 'PUBLISHER / statistics by publisher')
  },
})

tests.push({
  name: 'statistics: the CSV export holds the rows of the view on screen',
  context: { viewport: desktop, timezoneId: tz, acceptDownloads: true },
  async run(context) {
    const from = dayIn(tz, -6)
    const to = dayIn(tz)
    const page = await signedInPage(
      context,
      'pub@demo.cpanet',
      `/statistics?from=${from}&to=${to}&groupBy=DATE,SUB1&sort=CLICKS.desc&size=25`,
    )
    await waitForReport(page)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    expectEqual('file name', download.suggestedFilename(), `statistics-${from}-to-${to}.csv`)
    const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n')
    const header = csv[0].split(',')
    expectEqual('CSV columns', header.slice(0, 4), ['date', 'sub1', 'currency', 'clicks'])
    check('no revenue for the publisher', !header.includes('revenue') && !header.includes('profit'))
    const body = csv.slice(1).filter((l) => !l.startsWith('Total,'))
    const totalRows = Number((await page.getByTestId('stats-range').textContent()).replace(/.* of /, '').replace(/,/g, ''))
    expectEqual('CSV rows = every row of the view', body.length, totalRows)
    // The page's first 25 rows are the file's first 25, in the same order.
    const clicks = await column(page, 'Clicks')
    const sub1 = await column(page, 'Sub1')
    const pageRows = clicks.map((c, i) => `${sub1[i]}|${c.replace(/,/g, '')}`)
    const fileRows = body.slice(0, clicks.length).map((l) => {
      const c = l.split(',')
      return `${c[1] || '(none)'}|${c[3]}`
    })
    expectEqual('same rows, same order', fileRows, pageRows)
    check('totals in the file', csv.some((l) => l.startsWith('Total,')))
  },
})

for (const r of roles) {
  tests.push({
    name: `statistics: ${r.role} — money by role, axe, screenshot`,
    context: { viewport: desktop, timezoneId: tz },
    async run(context) {
      const page = await signedInPage(context, r.email, '/statistics')
      await expectOneH1(page, 'Statistics')
      await waitForReport(page)
      const h = await headers(page)
      for (const m of r.money) check(`column ${m} for ${r.role} (${h})`, h.includes(m))
      for (const m of r.hidden) check(`no ${m} column for ${r.role} (${h})`, !h.includes(m))
      expectEqual('publishers filter only for the admin', await page.getByRole('combobox', { name: 'Publishers' }).count(), r.role === 'ADMIN' ? 1 : 0)
      // The chart's metric; its numbers are a table for screen readers.
      await page.getByRole('combobox', { name: 'Chart metric' }).click()
      await page.getByRole('option', { name: r.money[0], exact: true }).click()
      await page.waitForURL((u) => u.searchParams.has('metric'))
      await page.getByRole('heading', { name: `${r.money[0]} per day` }).waitFor()
      await axe(page, `${r.role} / statistics`)
      await shot(page, `statistics-${r.role.toLowerCase()}-default`)
    },
  })
}

tests.push({
  name: 'statistics: at 390 px (publisher), and an empty view says what to do',
  context: { viewport: phone, timezoneId: tz, isMobile: true, hasTouch: true },
  async run(context) {
    const page = await signedInPage(context, 'pub@demo.cpanet', '/statistics?groupBy=COUNTRY')
    await expectOneH1(page, 'Statistics')
    await waitForReport(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    check(`no sideways scrolling of the page (${overflow} px too wide)`, overflow <= 0)
    await axe(page, 'PUBLISHER / statistics at 390 px')
    await shot(page, 'statistics-publisher-phone-report')
    await page.goto(`${baseURL}/statistics?countries=ZZ`)
    await page.getByText('No traffic in this view').waitFor({ timeout })
    await axe(page, 'PUBLISHER / statistics empty')
  },
})
