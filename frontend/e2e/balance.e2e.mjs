// The Balance page (/balance) in a real browser: the publisher's balances, ledger and withdrawal
// form (validation in words, a request that lowers the credit), the admin's queue (a rejection
// returns the money to credit, checked against `balances` with the publisher's token), axe for
// both roles and screenshots at 1440 px and 390 px.
//
//   run by e2e/run.mjs (npm run e2e; E2E_ONLY=balance runs only these)
import { desktop, phone, timeout, expectEqual, check, axe, shot, expectOneH1, signedInPage, graphql, password, noSidewaysScroll } from './harness.mjs'

export const tests = []

const publisherEmail = 'pub@demo.cpanet'
const adminEmail = 'admin@demo.cpanet'
const money = (value, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value)

/** cents turns a Decimal string ("899.00") into BigInt cents, exactly. */
function cents(value) {
  const negative = value.startsWith('-')
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.')
  const c = BigInt(whole + fraction.padEnd(2, '0').slice(0, 2))
  return negative ? -c : c
}

/** fromCents turns BigInt cents back into a Decimal string. */
function fromCents(c) {
  const digits = (c < 0n ? -c : c).toString().padStart(3, '0')
  return `${c < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

async function login(email) {
  const res = await fetch(`${process.env.BASE_URL ?? 'http://127.0.0.1:18080'}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }', variables: { e: email, p: password } }),
  })
  const body = await res.json()
  if (body.errors) throw new Error(`login ${email}: ${JSON.stringify(body.errors)}`)
  return body.data.login
}

async function usdCredit(token) {
  const { balances } = await graphql(token, '{ balances { currency credit pendingCredit } }')
  const usd = balances.find((b) => b.currency === 'USD')
  check('the demo publisher has a USD balance', usd !== undefined)
  return usd
}

tests.push({
  name: 'balance: the publisher sees its credit, pending conversions and a running-balance ledger; axe; 1440 and 390 px',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const { token } = await login(publisherEmail)
    const usd = await usdCredit(token)
    const page = await signedInPage(context, publisherEmail, '/balance?currency=USD&account=CREDIT')
    await expectOneH1(page, 'Balance')
    await page.getByTestId('credit-USD').waitFor()
    expectEqual('USD credit card', (await page.getByTestId('credit-USD').textContent()).trim(), money(usd.credit, 'USD'))
    expectEqual('USD pending card', (await page.getByTestId('pending-USD').textContent()).trim(), money(usd.pendingCredit, 'USD'))

    // The newest USD credit entry's "balance after" is the credit now; the filters came from the URL.
    await page.getByTestId('ledger').waitFor()
    const first = (await page.getByTestId('ledger-balance').first().textContent()).trim()
    expectEqual('running balance of the newest USD credit entry', first, money(usd.credit, 'USD'))
    expectEqual('ledger currency filter from the URL', await page.getByLabel('Ledger currency').first().inputValue(), 'USD')

    // Loading older entries keeps the running balance going: the last loaded row's balance after,
    // minus the entries the test sums itself, is checked against the API.
    const { ledgerEntries } = await graphql(
      token,
      `{ ledgerEntries(where: { currency: "USD", account: CREDIT }, first: 50, orderBy: { field: CREATED_AT, direction: DESC }) { edges { node { amount } } } }`,
    )
    if (ledgerEntries.edges.length > 25) {
      await page.getByRole('button', { name: 'Load older entries' }).click()
      await page.getByTestId('ledger-balance').nth(25).waitFor()
      let running = cents(usd.credit)
      for (let i = 0; i < 29; i++) running -= cents(ledgerEntries.edges[i].node.amount)
      const want = money(fromCents(running), 'USD')
      expectEqual('running balance of the 30th entry (second page)', (await page.getByTestId('ledger-balance').nth(29).textContent()).trim(), want)
    }

    const pendingLink = page.getByTestId('pending-link')
    if (await pendingLink.count()) {
      check('pending conversions link', (await pendingLink.getAttribute('href')).includes('/conversions?status=PENDING'))
    }
    await page.getByTestId('my-withdrawals').waitFor()
    await axe(page, 'balance (publisher)')
    await shot(page, 'balance-publisher')

    await page.setViewportSize(phone)
    await page.waitForTimeout(300)
    await noSidewaysScroll(page, 'balance at 390 px')
    await axe(page, 'balance (publisher, 390 px)')
    await shot(page, 'balance-publisher-phone')
  },
})

tests.push({
  name: 'balance: the publisher requests a withdrawal through the form; errors in words below the minimum and above the credit',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const admin = await login(adminEmail)
    const { token } = await login(publisherEmail)
    const { settings } = await graphql(admin.token, '{ settings { minWithdrawal } }')
    // A minimum to validate against; put back afterwards.
    await graphql(admin.token, 'mutation { updateSettings(input: { minWithdrawal: "5.00" }) { minWithdrawal } }')
    try {
      const before = await usdCredit(token)
      check('the publisher has at least $20 of USD credit', cents(before.credit) >= 2000n)
      const page = await signedInPage(context, publisherEmail, '/balance')
      await expectOneH1(page, 'Balance')
      await page.getByTestId('credit-USD').waitFor()
      await page.getByLabel('Currency', { exact: true }).first().click()
      await page.getByRole('option', { name: 'USD', exact: true }).click()
      const amount = page.getByTestId('withdraw-amount')
      await page.getByLabel('Payment details').fill('PayPal: e2e@demo-publisher.example')

      await amount.fill('4.99')
      await page.getByRole('button', { name: 'Request withdrawal' }).click()
      await page.getByText('The minimum withdrawal is $5.00.').waitFor()

      await amount.fill(fromCents(cents(before.credit) + 1n))
      await page.getByRole('button', { name: 'Request withdrawal' }).click()
      await page.getByText(`That is more than your credit of ${money(before.credit, 'USD')}.`).waitFor()
      check('the amount field is marked invalid', (await amount.getAttribute('aria-invalid')) === 'true')
      await axe(page, 'balance withdrawal form with errors (publisher)')
      await shot(page, 'balance-publisher-form-errors')

      await amount.fill('12.34')
      await page.getByRole('button', { name: 'Request withdrawal' }).click()
      const dialog = page.getByRole('dialog', { name: 'Withdraw $12.34?' })
      await dialog.waitFor()
      await shot(page, 'balance-publisher-confirm')
      await page.getByTestId('confirm-withdrawal').click()
      await page.getByTestId('withdraw-done').waitFor()

      const after = await usdCredit(token)
      expectEqual('credit after the request (API)', after.credit, fromCents(cents(before.credit) - 1234n))
      await page.getByText(money(after.credit, 'USD'), { exact: true }).first().waitFor({ timeout })
      expectEqual('credit card after the request', (await page.getByTestId('credit-USD').textContent()).trim(), money(after.credit, 'USD'))
      const row = page.getByTestId('my-withdrawals').getByTestId('withdrawal-row').first()
      expectEqual('newest withdrawal status', (await row.getByTestId('withdrawal-status').textContent()).trim(), 'Requested')
      check('newest withdrawal amount', (await row.textContent()).includes('$12.34'))
      // Leave the demo as it was: the admin rejects the test's request (its money returns).
      await graphql(admin.token, 'mutation($id: ID!) { rejectWithdrawal(id: $id, comment: "e2e cleanup") { id } }', { id: await row.getAttribute('data-id') })
    } finally {
      await graphql(admin.token, 'mutation($m: Decimal!) { updateSettings(input: { minWithdrawal: $m }) { minWithdrawal } }', { m: settings.minWithdrawal })
    }
  },
})

tests.push({
  name: 'balance: the admin rejects a withdrawal and the publisher’s credit returns; axe; a publisher’s ledger by URL',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const pub = await login(publisherEmail)
    // A withdrawal of our own, so the test can run again and again.
    const { requestWithdrawal } = await graphql(
      pub.token,
      'mutation { requestWithdrawal(currency: "USD", amount: "7.25", details: "e2e: to be rejected") { id status } }',
    )
    expectEqual('new withdrawal', requestWithdrawal.status, 'REQUESTED')
    const before = await usdCredit(pub.token)

    const page = await signedInPage(context, adminEmail, '/balance')
    await expectOneH1(page, 'Balance')
    const queue = page.getByTestId('withdrawal-queue')
    await queue.waitFor()
    await page.getByTestId('publishers-balances').waitFor()
    await page.getByTestId('decided-withdrawals').waitFor()
    await axe(page, 'balance (admin)')
    await shot(page, 'balance-admin')

    const row = queue.locator(`[data-id="${requestWithdrawal.id}"]`)
    await row.getByRole('button', { name: /^Reject \$7\.25 of / }).click()
    const dialog = page.getByRole('dialog', { name: 'Reject the withdrawal of $7.25?' })
    await dialog.waitFor()
    check('the confirmation says the amount returns to credit', (await dialog.textContent()).includes('$7.25 returns to'))
    await dialog.getByLabel(/Why is it rejected/).fill('e2e: the details are a test')
    await axe(page, 'balance reject dialog (admin)')
    await shot(page, 'balance-admin-reject')
    await dialog.getByTestId('confirm-decision').click()
    await dialog.waitFor({ state: 'detached' })
    await row.waitFor({ state: 'detached' })

    const after = await usdCredit(pub.token)
    expectEqual('credit after the rejection', after.credit, fromCents(cents(before.credit) + 725n))
    const { node } = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Withdrawal { status comment } } }', { id: requestWithdrawal.id })
    expectEqual('withdrawal after the rejection', node, { status: 'REJECTED', comment: 'e2e: the details are a test' })

    // Search, then one publisher's ledger from the URL.
    await page.getByLabel('Find a publisher').fill('pub@demo')
    await page.waitForFunction(() => location.search.includes('q=pub%40demo'))
    await page.getByRole('link', { name: /^View ledger of / }).first().click()
    await page.waitForFunction((id) => location.search.includes(id), pub.user.id)
    await page.getByTestId('ledger').waitFor()
    expectEqual('the publisher’s USD credit card', (await page.getByTestId('credit-USD').textContent()).trim(), money(after.credit, 'USD'))
    await page.goto(page.url().replace(/\?.*$/, `?publisher=${pub.user.id}&currency=USD&account=CREDIT`))
    await page.getByTestId('ledger').waitFor()
    expectEqual('the publisher’s newest USD credit entry', (await page.getByTestId('ledger-balance').first().textContent()).trim(), money(after.credit, 'USD'))
    await axe(page, 'balance of one publisher (admin)')
    await shot(page, 'balance-admin-publisher')
    await page.goBack()
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('currency'))
    await page.getByTestId('ledger').waitFor()
    check('Back keeps the publisher', page.url().includes(pub.user.id))
  },
})
