// The Users page (/users, admin only) in a real browser: the admin creates an advertiser and a
// publisher through the form (errors in words first), finds them, suspends and reactivates one,
// trusts the publisher, opens its side panel and adds, then changes, a payout override — each
// checked against the API; a pending sign-up comes first and is approved; balances match the
// API; other roles get "Page not found". axe on every state, screenshots at 1440 and 390 px.
//
//   run by e2e/run.mjs (npm run e2e; E2E_ONLY=users runs only these)
import { baseURL, desktop, phone, expectEqual, check, axe, shot, expectOneH1, signedInPage, graphql, password, noSidewaysScroll } from './harness.mjs'

export const tests = []

const adminEmail = 'admin@demo.cpanet'
const money = (value, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value)
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`

async function login(email, pass = password) {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }', variables: { e: email, p: pass } }),
  })
  const body = await res.json()
  if (body.errors) throw new Error(`login ${email}: ${JSON.stringify(body.errors)}`)
  return body.data.login
}

async function userByEmail(token, email) {
  const { users } = await graphql(token, 'query($e: String!) { users(where: { email: $e }) { edges { node { id email name role status trusted } } } }', { e: email })
  check(`user ${email} exists`, users.edges.length === 1)
  return users.edges[0].node
}

/** createThroughForm fills the "New user" form and submits it. */
async function createThroughForm(page, { email, pass, name, role }) {
  await page.getByRole('button', { name: 'New user' }).click()
  const dialog = page.getByRole('dialog', { name: 'New user' })
  await dialog.waitFor()
  await dialog.getByLabel('Email').fill(email)
  await dialog.getByLabel(/^Password/).fill(pass)
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('Role').selectOption(role)
  await dialog.getByRole('button', { name: 'Create user' }).click()
  return dialog
}

/** rowOf is the list row of the user with email (search for it first). */
async function findRow(page, email) {
  await page.getByLabel('Find a user').fill(email)
  await page.waitForFunction((e) => new URLSearchParams(location.search).get('q')?.includes(e), email)
  const row = page.getByTestId('users-table').locator(`[data-email="${email}"]`)
  await row.waitFor()
  return row
}

tests.push({
  name: 'users: the admin creates an advertiser and a publisher, suspends and reactivates one, trusts the publisher, adds a payout override; axe; 1440 and 390 px',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const admin = await login(adminEmail)
    const id = stamp()
    const advEmail = `adv-${id}@e2e.test`
    const pubEmail = `pub-${id}@e2e.test`

    const page = await signedInPage(context, adminEmail, '/users')
    await expectOneH1(page, 'Users')
    await page.getByTestId('users-table').waitFor()
    const { users } = await graphql(admin.token, '{ users(first: 0) { totalCount } }')
    expectEqual('users count', (await page.getByTestId('users-total').textContent()).trim(), `${users.totalCount.toLocaleString('en-US')} users`)
    await axe(page, 'users list (admin)')
    await shot(page, 'users-admin')

    // The form says what is wrong, in words, before anything is sent.
    await page.getByRole('button', { name: 'New user' }).click()
    let dialog = page.getByRole('dialog', { name: 'New user' })
    await dialog.waitFor()
    check('the form’s state is in the URL', new URL(page.url()).searchParams.get('create') === '1')
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await dialog.getByText('Enter the email the user signs in with.').waitFor()
    await dialog.getByLabel('Email').fill('not an email')
    await dialog.getByLabel(/^Password/).fill('short')
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await dialog.getByText('Enter an email address like name@example.com.').waitFor()
    await dialog.getByText('The password needs at least 8 characters.').waitFor()
    check('the email is marked invalid', (await dialog.getByLabel('Email').getAttribute('aria-invalid')) === 'true')
    await axe(page, 'users create form with errors (admin)')
    await shot(page, 'users-admin-create-errors')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })

    // An advertiser, then the same email again: the server's refusal in words, next to the email.
    dialog = await createThroughForm(page, { email: advEmail.toUpperCase(), pass: 'e2e-password-1', name: `E2E Advertiser ${id}`, role: 'ADVERTISER' })
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('user-created').waitFor()
    const adv = await userByEmail(admin.token, advEmail)
    expectEqual('the new advertiser (API)', { role: adv.role, status: adv.status, name: adv.name }, { role: 'ADVERTISER', status: 'ACTIVE', name: `E2E Advertiser ${id}` })
    await login(advEmail, 'e2e-password-1')

    dialog = await createThroughForm(page, { email: advEmail, pass: 'e2e-password-1', name: '', role: 'PUBLISHER' })
    await dialog.getByText(`A user with the email ${advEmail} already exists.`).waitFor()
    await axe(page, 'users create form with a server error (admin)')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })

    dialog = await createThroughForm(page, { email: pubEmail, pass: 'e2e-password-2', name: `E2E Publisher ${id}`, role: 'PUBLISHER' })
    await dialog.waitFor({ state: 'detached' })
    const pub = await userByEmail(admin.token, pubEmail)
    expectEqual('the new publisher (API)', { role: pub.role, status: pub.status, trusted: pub.trusted }, { role: 'PUBLISHER', status: 'ACTIVE', trusted: false })

    // Both are in the list; filters live in the URL.
    await findRow(page, pubEmail)
    let row = await findRow(page, advEmail)
    await page.getByLabel('Account type').selectOption('ADVERTISER')
    await page.waitForFunction(() => new URLSearchParams(location.search).get('role') === 'ADVERTISER')
    await row.waitFor()
    expectEqual('one advertiser found', await page.getByTestId('user-row').count(), 1)

    // Suspend (confirmed), then reactivate.
    await row.getByRole('button', { name: `Suspend ${advEmail}` }).click()
    let confirm = page.getByRole('dialog', { name: `Suspend ${advEmail}?` })
    await confirm.waitFor()
    check('the confirmation says postbacks are refused', (await confirm.textContent()).includes('postbacks are refused'))
    await axe(page, 'users suspend confirmation (admin)')
    await shot(page, 'users-admin-suspend')
    await confirm.getByTestId('confirm-status').click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByTestId('users-table').locator(`[data-email="${advEmail}"][data-status="BLOCKED"]`).waitFor()
    expectEqual('advertiser status after suspending (API)', (await userByEmail(admin.token, advEmail)).status, 'BLOCKED')
    const refused = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: advEmail, p: 'e2e-password-1' } }),
    }).then((r) => r.json())
    check('a suspended user cannot sign in', Array.isArray(refused.errors))

    row = page.getByTestId('users-table').locator(`[data-email="${advEmail}"]`)
    await row.getByRole('button', { name: `Reactivate ${advEmail}` }).click()
    confirm = page.getByRole('dialog', { name: `Reactivate ${advEmail}?` })
    await confirm.getByTestId('confirm-status').click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByTestId('users-table').locator(`[data-email="${advEmail}"][data-status="ACTIVE"]`).waitFor()
    expectEqual('advertiser status after reactivating (API)', (await userByEmail(admin.token, advEmail)).status, 'ACTIVE')

    // The publisher's side panel: trusted (confirmed), balances, a payout override.
    await page.getByLabel('Account type').selectOption('')
    row = await findRow(page, pubEmail)
    await row.getByRole('button', { name: `E2E Publisher ${id}, details` }).click()
    const drawer = page.getByRole('dialog', { name: `E2E Publisher ${id}` })
    await drawer.getByTestId('user-detail').waitFor()
    check('the open user is in the URL', (new URL(page.url()).searchParams.get('user') ?? '').includes(pub.id))
    await drawer.getByTestId('no-balances').waitFor()
    await drawer.getByTestId('no-overrides').waitFor()
    await axe(page, 'users detail of a new publisher (admin)')

    await drawer.getByRole('switch', { name: 'Trusted publisher' }).click()
    confirm = page.getByRole('dialog', { name: `Trust ${pubEmail}?` })
    await confirm.waitFor()
    await axe(page, 'users trust confirmation (admin)')
    await confirm.getByTestId('confirm-trusted').click()
    await confirm.waitFor({ state: 'detached' })
    for (let i = 0; i < 50 && !(await drawer.getByRole('switch', { name: 'Trusted publisher' }).isChecked()); i++) await page.waitForTimeout(100)
    check('the switch shows trusted', await drawer.getByRole('switch', { name: 'Trusted publisher' }).isChecked())
    expectEqual('publisher trusted (API)', (await userByEmail(admin.token, pubEmail)).trusted, true)

    // A payout override: offer → goal → type → value; a bad value first.
    const { offers } = await graphql(admin.token, '{ offers(first: 50, where: { status: ACTIVE }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name currency goals { id name code } } } } }')
    const offer = offers.edges.map((e) => e.node).find((o) => o.currency === 'USD' && o.goals.length > 0)
    check('the demo has an active USD offer with goals', offer !== undefined)
    const goal = offer.goals[0]
    await drawer.getByLabel('Offer').click()
    await drawer.getByLabel('Offer').fill(offer.name)
    await page.getByRole('option', { name: new RegExp(`^${offer.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(USD\\)`) }).click()
    await drawer.getByLabel('Goal').click()
    await page.getByRole('option', { name: new RegExp(`^${goal.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${goal.code}\\)`) }).click()
    await drawer.getByLabel('Payout type').selectOption('FIXED')
    await drawer.getByTestId('override-value').fill('1000000.01')
    await drawer.getByRole('button', { name: 'Add payout' }).click()
    await drawer.getByText('The payout is at most 1,000,000.').waitFor()
    await drawer.getByTestId('override-value').fill('3.215')
    await drawer.getByRole('button', { name: 'Add payout' }).click()
    await drawer.getByText('Use at most 2 decimals.').waitFor()
    await axe(page, 'users payout override form with an error (admin)')
    await drawer.getByTestId('override-value').fill('3.21')
    await drawer.getByRole('button', { name: 'Add payout' }).click()
    await drawer.getByTestId('override-saved').waitFor()
    const overrideRow = drawer.getByTestId('override-row')
    await overrideRow.waitFor()
    expectEqual('override payout shown', (await overrideRow.getByTestId('override-payout').textContent()).trim(), money('3.21', 'USD'))
    const overridesOf = async () =>
      (await graphql(admin.token, 'query($id: ID!) { node(id: $id) { ... on User { payoutOverrides { payoutType payout goal { id } } } } }', { id: pub.id })).node.payoutOverrides
    expectEqual('override (API)', await overridesOf(), [{ payoutType: 'FIXED', payout: '3.21', goal: { id: goal.id } }])
    await axe(page, 'users detail with a payout override (admin)')
    await shot(page, 'users-admin-detail')

    // Change it to a percent.
    await overrideRow.getByRole('button', { name: /^Edit the payout on / }).click()
    await drawer.getByLabel('Payout type').selectOption('PERCENT')
    await drawer.getByTestId('override-value').fill('12.5')
    await drawer.getByRole('button', { name: 'Save payout' }).click()
    await drawer.getByTestId('override-saved').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid="override-payout"]')?.textContent?.trim() === '12.5%')
    expectEqual('override after the change (API)', await overridesOf(), [{ payoutType: 'PERCENT', payout: '12.50', goal: { id: goal.id } }])
    // The publisher sees it as its own.
    const pubLogin = await login(pubEmail, 'e2e-password-2')
    const { me } = await graphql(pubLogin.token, '{ me { payoutOverrides { payout } } }')
    expectEqual('the publisher’s own override', me.payoutOverrides, [{ payout: '12.50' }])

    await page.setViewportSize(phone)
    await page.waitForTimeout(400)
    await noSidewaysScroll(page, 'users detail at 390 px')
    await axe(page, 'users detail (admin, 390 px)')
    await shot(page, 'users-admin-detail-phone')
    await drawer.getByRole('button', { name: 'Close the user’s details' }).click()
    await drawer.waitFor({ state: 'hidden' })
    await page.getByLabel('Find a user').fill('')
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('q'))
    await page.getByTestId('users-table').waitFor()
    await noSidewaysScroll(page, 'users list at 390 px')
    await axe(page, 'users list (admin, 390 px)')
    await shot(page, 'users-admin-phone')
  },
})

tests.push({
  name: 'users: the demo publisher’s balances per currency match the API',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const admin = await login(adminEmail)
    const demoPub = await userByEmail(admin.token, 'pub@demo.cpanet')
    const page = await signedInPage(context, adminEmail, `/users?user=${demoPub.id}`)
    await expectOneH1(page, 'Users')
    const drawer = page.getByTestId('user-detail')
    await drawer.waitFor()
    // The API's answer is read after the page: demo traffic may move money meanwhile, so compare twice at most.
    let last = ''
    for (let attempt = 0; attempt < 2; attempt++) {
      const { node } = await graphql(admin.token, 'query($id: ID!) { node(id: $id) { ... on User { balances { currency credit pendingCredit } } } }', { id: demoPub.id })
      check('the demo publisher has balances', node.balances.length > 0)
      const want = node.balances.map((b) => [b.currency, money(b.credit, b.currency), money(b.pendingCredit, b.currency)])
      const got = await drawer.getByTestId('balance-row').evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-currency'), r.querySelector('[data-testid="balance-credit"]').textContent.trim(), r.querySelector('[data-testid="balance-pending"]').textContent.trim()]),
      )
      last = `${JSON.stringify(got)} vs ${JSON.stringify(want)}`
      if (JSON.stringify(got) === JSON.stringify(want)) {
        last = ''
        break
      }
      await page.reload()
      await drawer.waitFor()
    }
    check(`balances per currency match the API: ${last}`, last === '')
    check('the ledger link names the publisher', (await page.getByRole('link', { name: /^Ledger and withdrawals of / }).getAttribute('href')).includes(`publisher=`))
    await axe(page, 'users detail of the demo publisher (admin)')
    await shot(page, 'users-admin-detail-demo-publisher')
  },
})

tests.push({
  name: 'users: a pending sign-up comes first when the network requires approval, and the admin approves it',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const admin = await login(adminEmail)
    const { settings } = await graphql(admin.token, '{ settings { requirePublisherApproval } }')
    await graphql(admin.token, 'mutation { updateSettings(input: { requirePublisherApproval: true }) { requirePublisherApproval } }')
    try {
      const email = `signup-${stamp()}@e2e.test`
      const res = await fetch(`${baseURL}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!) { signup(input: { email: $e, password: "e2e-password-3", name: "E2E Sign-up" }) { id status } }', variables: { e: email } }),
      }).then((r) => r.json())
      check(`sign-up accepted: ${JSON.stringify(res.errors ?? '')}`, !res.errors)
      expectEqual('the sign-up waits', res.data.signup.status, 'PENDING')
      const { users } = await graphql(admin.token, '{ users(first: 0, where: { status: PENDING }) { totalCount } }')

      const page = await signedInPage(context, adminEmail, '/users')
      await expectOneH1(page, 'Users')
      const pending = page.getByTestId('pending-signups')
      await pending.waitFor()
      expectEqual('pending count', (await pending.getByTestId('pending-count').textContent()).trim(), `(${users.totalCount.toLocaleString('en-US')})`)
      const statusFilter = await page.getByLabel('Status').locator('option[value="PENDING"]').textContent()
      expectEqual('the status filter counts them', statusFilter.trim(), `Pending approval (${users.totalCount.toLocaleString('en-US')})`)
      // The pending section comes before the list.
      const order = await page.evaluate(() => {
        const p = document.querySelector('[data-testid="pending-signups"]')
        const l = document.querySelector('[data-testid="users-table"]')
        return p && l ? Boolean(p.compareDocumentPosition(l) & Node.DOCUMENT_POSITION_FOLLOWING) : false
      })
      check('pending sign-ups come first', order)
      await axe(page, 'users with pending sign-ups (admin)')
      await shot(page, 'users-admin-pending')

      if (users.totalCount > 5) await pending.getByRole('button', { name: /^Show all/ }).click()
      const table = page.getByTestId(users.totalCount > 5 ? 'users-table' : 'pending-table')
      await table.locator(`[data-email="${email}"]`).getByRole('button', { name: `Approve ${email}` }).click()
      const confirm = page.getByRole('dialog', { name: `Approve ${email}?` })
      await confirm.getByTestId('confirm-status').click()
      await confirm.waitFor({ state: 'detached' })
      await page.getByTestId('status-changed').waitFor()
      expectEqual('the sign-up after approval (API)', (await userByEmail(admin.token, email)).status, 'ACTIVE')
      await login(email, 'e2e-password-3')
    } finally {
      await graphql(admin.token, 'mutation($r: Boolean!) { updateSettings(input: { requirePublisherApproval: $r }) { requirePublisherApproval } }', {
        r: settings.requirePublisherApproval,
      })
    }
  },
})

for (const email of ['pub@demo.cpanet', 'adv@demo.cpanet']) {
  tests.push({
    name: `users: ${email} opening /users gets "Page not found" and has no Users link`,
    context: { viewport: phone, timezoneId: 'Europe/Berlin' },
    async run(context) {
      const page = await signedInPage(context, email, '/')
      await expectOneH1(page, 'Overview')
      check(`${email} has no Users link`, (await page.getByRole('link', { name: 'Users', exact: true }).count()) === 0)
      await page.goto(`${baseURL}/users?create=1`)
      await expectOneH1(page, 'Page not found')
      check('no user form for a non-admin', (await page.getByRole('button', { name: 'Create user' }).count()) === 0)
      await axe(page, `users not found (${email})`)
    },
  })
}
