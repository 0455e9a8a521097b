// The Offers pages (/offers, /offers/:id) in a real browser, one story across the roles: the
// advertiser creates a draft (approval required) with a goal; the admin reviews it, sets the
// goal's payout, activates it and gives the publisher its own payout; the publisher finds it in
// the catalog with that rate, asks for access and sees REQUESTED; the admin approves and the
// publisher may create a flow. Every step is compared with the API; axe on every state;
// screenshots at 1440 and 390 px for each role. Each test sets up what it needs through the API
// when run alone (E2E_ONLY=offers).
import { desktop, phone, expectEqual, check, axe, shot, expectOneH1, signedInPage, graphql, password, baseURL, noSidewaysScroll } from './harness.mjs'

export const tests = []

const adminEmail = 'admin@demo.cpanet'
const advertiserEmail = 'adv@demo.cpanet'
const publisherEmail = 'pub@demo.cpanet'
const usd = (value) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value)

/** story is what the tests hand on to each other. */
const story = { name: `e2e Offer ${Date.now().toString(36)}`, offerId: null, goalId: null, activated: false, requested: false }

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

/** phoneToo takes the page to 390 px: no sideways scrolling, axe, a screenshot; then back. */
async function phoneToo(page, label, name) {
  await page.setViewportSize(phone)
  await page.waitForTimeout(300)
  await noSidewaysScroll(page, `${label} at 390 px`)
  await axe(page, `${label}, 390 px`)
  await shot(page, `${name}-phone`)
  await page.setViewportSize(desktop)
  await page.waitForTimeout(200)
}

async function choose(page, label, option, scope = page) {
  await scope.getByLabel(label, { exact: true }).first().click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

async function offerOf(token, id, money = 'payoutType payout revenueType revenue') {
  const { node } = await graphql(
    token,
    `query($id: ID!) { node(id: $id) { ... on Offer { id name status visibility currency goals { id code ${money} } } } }`,
    { id },
  )
  return node
}

/** ensureDraft makes the story's draft through the API when the advertiser's test did not run. */
async function ensureDraft() {
  if (story.offerId) return
  const adv = await login(advertiserEmail)
  const { createOffer } = await graphql(
    adv.token,
    'mutation($n: String!) { createOffer(input: { name: $n, landingURL: "https://e2e.example/?c={click_id}", currency: "USD", visibility: APPROVAL_REQUIRED }) { id } }',
    { n: story.name },
  )
  story.offerId = createOffer.id
  const { createGoal } = await graphql(
    adv.token,
    'mutation($o: ID!) { createGoal(input: { offerID: $o, code: "reg", name: "Registration", revenueType: FIXED, revenue: "7.50" }) { id } }',
    { o: story.offerId },
  )
  story.goalId = createGoal.id
}

/** ensureActive activates the story's offer with a payout and pub's own payout through the API. */
async function ensureActive() {
  await ensureDraft()
  if (story.activated) return
  const admin = await login(adminEmail)
  const pub = await login(publisherEmail)
  await graphql(admin.token, 'mutation($g: ID!) { updateGoal(id: $g, input: { payoutType: FIXED, payout: "5.00" }) { id } }', { g: story.goalId })
  await graphql(admin.token, 'mutation($o: ID!) { updateOffer(id: $o, input: { status: ACTIVE }) { id } }', { o: story.offerId })
  await graphql(admin.token, 'mutation($g: ID!, $p: ID!) { createPayoutOverride(input: { goalID: $g, publisherID: $p, payoutType: FIXED, payout: "6.25" }) { id } }', {
    g: story.goalId,
    p: pub.user.id,
  })
  story.activated = true
}

async function ensureRequested() {
  await ensureActive()
  if (story.requested) return
  const pub = await login(publisherEmail)
  await graphql(pub.token, 'mutation($o: ID!) { requestOfferAccess(offerID: $o, message: "e2e: set up through the API") { id } }', { o: story.offerId })
  story.requested = true
}

tests.push({
  name: 'offers: the advertiser creates a draft with a goal; the form says it starts as a draft; errors in words; axe; 1440 and 390 px',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const adv = await login(advertiserEmail)
    const page = await signedInPage(context, advertiserEmail, '/offers')
    await expectOneH1(page, 'Offers')
    await page.getByTestId('offers-table').waitFor()
    // The advertiser sees its own offers only, with its price, never the payout.
    const { offers } = await graphql(adv.token, '{ offers(first: 1) { totalCount } }')
    await page.getByTestId('offers-total').getByText(`${offers.totalCount} offer`, { exact: false }).waitFor()
    check('no payout column for the advertiser', (await page.getByTestId('goal-payout').count()) === 0)
    await axe(page, 'offers list (advertiser)')
    await shot(page, 'offers-advertiser-list')
    await phoneToo(page, 'offers list (advertiser)', 'offers-advertiser-list')

    await page.getByRole('button', { name: 'New offer' }).click()
    await page.waitForFunction(() => location.search.includes('create='))
    const dialog = page.getByRole('dialog', { name: 'New offer' })
    await dialog.waitFor()
    await dialog.getByTestId('draft-note').waitFor()
    check('the advertiser is not asked for a status', (await dialog.getByLabel('Status', { exact: true }).count()) === 0)
    // Errors in words before anything is sent.
    await dialog.getByRole('button', { name: 'Create draft' }).click()
    await dialog.getByText('Name the offer.').waitFor()
    await dialog.getByText('Enter the landing page’s address.').waitFor()
    await dialog.getByLabel('Landing URL').fill('ftp://nope')
    await dialog.getByLabel('Auto-approve after (days)').fill('0')
    await dialog.getByRole('button', { name: 'Create draft' }).click()
    await dialog.getByText('Enter an absolute http:// or https:// address; macros like {click_id} are fine.').waitFor()
    await dialog.getByText('Enter whole days from 1 to 3,650, or leave it empty.').waitFor()
    await axe(page, 'new offer form with errors (advertiser)')
    await shot(page, 'offers-advertiser-new-errors')

    await dialog.getByLabel(/^Name/).fill(story.name)
    await dialog.getByLabel('Landing URL').fill('https://e2e.example/land?click={click_id}&s={sub1}')
    await dialog.getByLabel('Auto-approve after (days)').fill('')
    await choose(page, 'Visibility', 'Approval required', dialog)
    await dialog.getByLabel('Allowed countries').fill('de, at,')
    await dialog.getByLabel('Description').fill('e2e: made by the offers test. Approval required; no incentivised traffic.')
    await dialog.getByRole('button', { name: 'Create draft' }).click()
    await page.waitForURL((u) => /^\/offers\/\d+$/.test(u.pathname) && u.search.includes('tab=goals'))
    story.offerId = new URL(page.url()).pathname.split('/').pop()
    await expectOneH1(page, story.name)
    await page.getByTestId('draft-banner').waitFor()

    const created = await offerOf(adv.token, story.offerId, 'revenueType revenue')
    expectEqual('the new offer (API)', { status: created.status, visibility: created.visibility, currency: created.currency }, { status: 'DRAFT', visibility: 'APPROVAL_REQUIRED', currency: 'USD' })

    // A goal with the advertiser's price; a bad price first.
    await page.getByRole('button', { name: 'Add goal' }).click()
    const goal = page.getByRole('dialog', { name: `Add a goal to ${story.name}` })
    await goal.waitFor()
    check('the advertiser may not set the payout', (await goal.getByLabel('Payout value').count()) === 0)
    await goal.getByLabel('Code').fill('reg')
    await goal.getByLabel('Name', { exact: true }).fill('Registration')
    await goal.getByLabel('Revenue value').fill('2000000')
    await goal.getByRole('button', { name: 'Add goal' }).click()
    await goal.getByText('At most $1,000,000.00.').waitFor()
    await goal.getByLabel('Revenue value').fill('7.505')
    await goal.getByRole('button', { name: 'Add goal' }).click()
    await goal.getByText('Use at most 2 decimals.').waitFor()
    await axe(page, 'goal form with errors (advertiser)')
    await shot(page, 'offers-advertiser-goal-form')
    await goal.getByLabel('Revenue value').fill('7.50')
    await goal.getByRole('button', { name: 'Add goal' }).click()
    await goal.waitFor({ state: 'detached' })
    await page.getByTestId('goal-row').filter({ hasText: 'reg' }).getByTestId('goal-revenue').getByText('$7.50').waitFor()

    const withGoal = await offerOf(adv.token, story.offerId, 'revenueType revenue')
    expectEqual('the goal (API)', withGoal.goals.map((g) => [g.code, g.revenueType, g.revenue]), [['reg', 'FIXED', '7.50']])
    story.goalId = withGoal.goals[0].id
    check('the advertiser may not activate its draft', (await page.getByRole('button', { name: `Activate ${story.name}` }).count()) === 0)
    await axe(page, 'draft offer goals (advertiser)')
    await shot(page, 'offers-advertiser-draft')
    await phoneToo(page, 'draft offer goals (advertiser)', 'offers-advertiser-draft')
  },
})

tests.push({
  name: 'offers: the admin reviews the draft, sets the payout, activates it and adds a per-publisher payout; axe; 1440 and 390 px',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    await ensureDraft()
    const admin = await login(adminEmail)
    const page = await signedInPage(context, adminEmail, '/offers')
    await expectOneH1(page, 'Offers')
    await page.getByTestId('drafts-callout').waitFor()
    await page.getByRole('button', { name: 'Review drafts' }).click()
    await page.waitForFunction(() => location.search.includes('status=DRAFT'))
    const row = page.getByTestId('offer-row').filter({ hasText: story.name })
    await row.waitFor()
    const { offers } = await graphql(admin.token, '{ offers(where: { status: DRAFT }, first: 0) { totalCount } }')
    expectEqual('drafts tab count', (await page.getByTestId('count-DRAFT').textContent()).trim(), String(offers.totalCount))
    await row.getByText('(payout not set)').waitFor()
    await axe(page, 'offers drafts (admin)')
    await shot(page, 'offers-admin-drafts')
    await phoneToo(page, 'offers drafts (admin)', 'offers-admin-drafts')

    await row.getByRole('link', { name: story.name }).click()
    await expectOneH1(page, story.name)
    await page.getByTestId('draft-banner').waitFor()
    await page.getByTestId('offer-tab-goals').click()
    await page.waitForFunction(() => location.search.includes('tab=goals'))
    await page.getByRole('button', { name: 'Edit goal reg' }).click()
    const goal = page.getByRole('dialog', { name: 'Edit goal reg' })
    await goal.waitFor()
    expectEqual('the advertiser’s revenue in the form', await goal.getByLabel('Revenue value').inputValue(), '7.50')
    await goal.getByText('% of the amount').last().click()
    await goal.getByLabel('Payout value').fill('150')
    await goal.getByRole('button', { name: 'Save goal' }).click()
    await goal.getByText('A percent is between 0 and 100.').waitFor()
    await axe(page, 'goal form with a percent error (admin)')
    await goal.getByText('Fixed amount (USD)').last().click()
    await goal.getByLabel('Payout value').fill('5.00')
    await goal.getByRole('button', { name: 'Save goal' }).click()
    await goal.waitFor({ state: 'detached' })
    await page.getByTestId('goal-row').filter({ hasText: 'reg' }).getByTestId('goal-payout').getByText('$5.00').waitFor()
    let api = await offerOf(admin.token, story.offerId)
    expectEqual('goal after the admin (API)', api.goals.map((g) => [g.payoutType, g.payout, g.revenue]), [['FIXED', '5.00', '7.50']])
    await shot(page, 'offers-admin-goals')

    await page.getByRole('button', { name: `Activate ${story.name}` }).click()
    const confirm = page.getByRole('dialog', { name: `Activate ${story.name}?` })
    await confirm.waitFor()
    check('no unpaid goal warning once the payout is set', (await confirm.getByTestId('unpaid-goals').count()) === 0)
    await axe(page, 'activate dialog (admin)')
    await confirm.getByTestId('confirm-status').click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByTestId('offer-status').getByText('Active').waitFor()
    api = await offerOf(admin.token, story.offerId)
    expectEqual('status after activation (API)', api.status, 'ACTIVE')
    story.activated = true

    // The publisher's own payout.
    const pub = await login(publisherEmail)
    await page.getByTestId('offer-tab-payouts').click()
    await page.waitForFunction(() => location.search.includes('tab=payouts'))
    await page.getByTestId('overrides-empty').waitFor()
    await page.getByRole('button', { name: 'Add a publisher payout' }).click()
    const ov = page.getByRole('dialog', { name: `Add a publisher payout to ${story.name}` })
    await ov.waitFor()
    await ov.getByLabel('Publisher', { exact: true }).click()
    await page.getByRole('option', { name: /pub@demo\.cpanet/ }).first().click()
    await ov.getByLabel('Publisher’s payout').fill('abc')
    await ov.getByRole('button', { name: 'Add payout' }).click()
    await ov.getByText('Enter an amount as a number, like 2.50.').waitFor()
    await ov.getByLabel('Publisher’s payout').fill('6.25')
    await axe(page, 'publisher payout form (admin)')
    await shot(page, 'offers-admin-payout-form')
    await ov.getByRole('button', { name: 'Add payout' }).click()
    await ov.waitFor({ state: 'detached' })
    const ovRow = page.getByTestId('override-row').filter({ hasText: 'reg' })
    await ovRow.getByTestId('override-payout').getByText('$6.25').waitFor()
    const { node } = await graphql(admin.token, 'query($g: ID!) { node(id: $g) { ... on Goal { payoutOverrides { payoutType payout publisher { id } } } } }', { g: story.goalId })
    expectEqual('the publisher payout (API)', node.payoutOverrides, [{ payoutType: 'FIXED', payout: '6.25', publisher: { id: pub.user.id } }])
    await axe(page, 'publisher payouts (admin)')
    await shot(page, 'offers-admin-payouts')
    await phoneToo(page, 'publisher payouts (admin)', 'offers-admin-payouts')
  },
})

tests.push({
  name: 'offers: the publisher browses the catalog with its own rate, filters by URL, requests access and sees REQUESTED; axe; 1440 and 390 px',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    await ensureActive()
    const pub = await login(publisherEmail)
    const page = await signedInPage(context, publisherEmail, '/offers')
    await expectOneH1(page, 'Offers')
    await page.getByTestId('offers-table').waitFor()
    const { offers } = await graphql(pub.token, '{ offers(first: 0) { totalCount } }')
    expectEqual('catalog size', (await page.getByTestId('offers-total').textContent()).trim(), `${offers.totalCount} offers`)
    check('no revenue for the publisher', (await page.getByTestId('goal-revenue').count()) === 0)
    check('no New offer button for the publisher', (await page.getByRole('button', { name: 'New offer' }).count()) === 0)
    // A demo offer's rate as the API gives it to this publisher.
    const { offers: coin } = await graphql(pub.token, '{ offers(where: { name: "CoinSwap Exchange" }, first: 1) { edges { node { id goals { payout } } } } }')
    const coinRow = page.getByTestId('offer-row').filter({ hasText: 'CoinSwap Exchange' })
    await coinRow.getByTestId('goal-payout').getByText(usd(coin.edges[0].node.goals[0].payout)).waitFor()
    check('a public running offer links to a new flow', (await coinRow.getByTestId('create-flow').getAttribute('href')).endsWith(`/flows?offerId=${coin.edges[0].node.id}`))
    await axe(page, 'offers catalog (publisher)')
    await shot(page, 'offers-publisher-list')
    await phoneToo(page, 'offers catalog (publisher)', 'offers-publisher-list')

    // Filters live in the URL and survive a reload.
    await choose(page, 'Access', 'Needs my request')
    await page.waitForFunction(() => location.search.includes('access=NEEDS_REQUEST'))
    await page.getByLabel('Search offers').fill(story.name)
    await page.waitForFunction(() => location.search.includes('q='))
    const row = page.getByTestId('offer-row').filter({ hasText: story.name })
    await row.waitFor()
    await page.reload()
    await row.waitFor()
    expectEqual('search after reload', await page.getByLabel('Search offers').inputValue(), story.name)
    // Its own rate: the admin's per-publisher payout, not the goal's.
    await row.getByTestId('goal-payout').getByText('$6.25').waitFor()
    const { node: mine } = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Offer { goals { payout } myAccess { status } } } }', { id: story.offerId })
    expectEqual('the publisher’s rate (API)', mine.goals[0].payout, '6.25')
    expectEqual('no access yet (API)', mine.myAccess, null)

    await row.getByRole('button', { name: `Request access to ${story.name}` }).click()
    const dialog = page.getByRole('dialog', { name: `Request access to ${story.name}` })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Send request' }).click()
    await dialog.getByText('Tell the network about your traffic: sources, countries, volume.').waitFor()
    await dialog.getByLabel('Message to the admin').fill('e2e: SEO blog, DE/AT, about 200 clicks a day.')
    await axe(page, 'request access dialog (publisher)')
    await shot(page, 'offers-publisher-request')
    await dialog.getByRole('button', { name: 'Send request' }).click()
    await dialog.waitFor({ state: 'detached' })
    // It left the "needs my request" filter; the detail page says REQUESTED.
    await row.waitFor({ state: 'detached' })
    const { node: after } = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Offer { myAccess { status message } } } }', { id: story.offerId })
    expectEqual('access after the request (API)', after.myAccess, { status: 'REQUESTED', message: 'e2e: SEO blog, DE/AT, about 200 clicks a day.' })
    story.requested = true
    await page.goto(`${baseURL}/offers/${story.offerId}`)
    await expectOneH1(page, story.name)
    await page.getByTestId('my-access').getByTestId('access-state').getByText('Requested').waitFor()
    check('no flow link while requested', (await page.getByTestId('create-flow').count()) === 0)
    check('no payouts tab for the publisher', (await page.getByTestId('offer-tab-payouts').count()) === 0)
    await page.getByTestId('goal-row').getByTestId('goal-payout').getByText('$6.25').waitFor()
    await axe(page, 'offer page, access requested (publisher)')
    await shot(page, 'offers-publisher-detail')
    await phoneToo(page, 'offer page, access requested (publisher)', 'offers-publisher-detail')
  },
})

tests.push({
  name: 'offers: the admin approves the publisher’s access request with a reason; the publisher may create a flow; axe',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    await ensureRequested()
    const admin = await login(adminEmail)
    const pub = await login(publisherEmail)
    const page = await signedInPage(context, adminEmail, `/offers/${story.offerId}?tab=access`)
    await expectOneH1(page, story.name)
    const row = page.getByTestId('offer-access').locator('[data-publisher="pub@demo.cpanet"]')
    await row.waitFor()
    expectEqual('request status', (await row.getByTestId('access-status').textContent()).trim(), 'Requested')
    await axe(page, 'offer access requests (admin)')
    await shot(page, 'offers-admin-access')
    await row.getByRole('button', { name: /^Approve .* for / }).click()
    const dialog = page.getByRole('dialog', { name: /^Approve .*\?$/ })
    await dialog.waitFor()
    await dialog.getByLabel('Note to the publisher (optional)').fill('e2e: welcome aboard')
    await axe(page, 'approve dialog (admin)')
    await dialog.getByTestId('confirm-decision').click()
    await dialog.waitFor({ state: 'detached' })
    await row.getByTestId('access-status').getByText('Approved').waitFor()
    const { node } = await graphql(pub.token, 'query($id: ID!) { node(id: $id) { ... on Offer { myAccess { status reason } } } }', { id: story.offerId })
    expectEqual('access after approval (API)', node.myAccess, { status: 'APPROVED', reason: 'e2e: welcome aboard' })
    const { offerAccesses } = await graphql(admin.token, 'query($id: ID!) { offerAccesses(where: { hasOfferWith: [{ id: $id }] }, first: 10) { totalCount } }', { id: story.offerId })
    expectEqual('access rows on the page', await page.getByTestId('offer-access').getByTestId('access-row').count(), offerAccesses.totalCount)
    await phoneToo(page, 'offer access requests (admin)', 'offers-admin-access')

    // The publisher in its own browser profile.
    const other = await context.browser().newContext({ locale: 'en-US', viewport: desktop, timezoneId: 'Europe/Berlin' })
    try {
      await seesApproved(other)
    } finally {
      await other.close()
    }
  },
})

async function seesApproved(context) {
  {
    const pubPage = await signedInPage(context, publisherEmail, `/offers/${story.offerId}`)
    await expectOneH1(pubPage, story.name)
    await pubPage.getByTestId('my-access').getByTestId('access-state').getByText('Approved').waitFor()
    await pubPage.getByTestId('access-reason').getByText('e2e: welcome aboard', { exact: false }).waitFor()
    check('the approved publisher may create a flow', (await pubPage.getByTestId('create-flow').getAttribute('href')).endsWith(`/flows?offerId=${story.offerId}`))
    await axe(pubPage, 'offer page, access approved (publisher)')
    await shot(pubPage, 'offers-publisher-approved')
  }
}

tests.push({
  name: 'offers: a payout above the revenue is warned about in the goal form and at activation; the margin is the admin’s only',
  context: { viewport: desktop, timezoneId: 'UTC' },
  async run(context) {
    const adv = await login('adv@demo.cpanet')
    const name = `E2E Margin ${Date.now().toString(36)}`
    const { createOffer } = await graphql(adv.token,
      'mutation($n: String!) { createOffer(input: { name: $n, landingURL: "https://e2e.example/?c={click_id}", currency: "USD" }) { id } }', { n: name })
    await graphql(adv.token, 'mutation($o: ID!) { createGoal(input: { offerID: $o, code: "sale", name: "Sale", revenueType: FIXED, revenue: "3.00", isDefault: true }) { id } }',
      { o: createOffer.id })
    const page = await signedInPage(context, 'admin@demo.cpanet', `/offers/${createOffer.id}?tab=goals`)
    await expectOneH1(page, name)
    await page.getByRole('button', { name: 'Edit goal sale' }).click()
    const goal = page.getByRole('dialog', { name: 'Edit goal sale' })
    await goal.getByLabel('Payout value').fill('5.00')
    const warning = goal.getByTestId('goal-margin-warning')
    await warning.waitFor()
    check(`the form names the loss (${await warning.textContent()})`, (await warning.textContent()).includes('$2.00 per conversion'))
    await axe(page, 'goal form: payout above the revenue (admin)')
    await shot(page, 'offers-admin-goal-payout-above-revenue')
    await goal.getByRole('button', { name: 'Save goal' }).click()
    await goal.waitFor({ state: 'detached' })
    const row = page.getByTestId('goal-row').filter({ hasText: 'sale' })
    expectEqual('the margin column', (await row.getByTestId('goal-margin').textContent()).trim(), '-$2.00 (loss)')

    await page.getByRole('button', { name: `Activate ${name}` }).click()
    const confirm = page.getByRole('dialog', { name: `Activate ${name}?` })
    const losing = confirm.getByTestId('losing-goals')
    await losing.waitFor()
    check(`activation names the goal (${await losing.textContent()})`, (await losing.textContent()).includes('sale pays publishers more'))
    await axe(page, 'activate dialog with a payout above the revenue (admin)')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'detached' })

    // Fixed: the margin shows, the warning is gone.
    await page.getByRole('button', { name: 'Edit goal sale' }).click()
    await goal.getByLabel('Payout value').fill('2.25')
    await goal.getByTestId('goal-margin').getByText('Margin: $0.75 per conversion', { exact: false }).waitFor()
    expectEqual('no warning', await goal.getByTestId('goal-margin-warning').count(), 0)
    await goal.getByRole('button', { name: 'Cancel' }).click()

    // The advertiser never sees the margin (nor the payout) of its offer.
    const other = await context.browser().newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' })
    const advPage = await signedInPage(other, 'adv@demo.cpanet', `/offers/${createOffer.id}?tab=goals`)
    await advPage.getByTestId('goal-row').first().waitFor()
    const heads = (await advPage.getByTestId('goals-table').locator('thead th').allTextContents()).map((t) => t.trim())
    check(`no margin or payout for the advertiser (${heads})`, !heads.includes('Margin') && !heads.includes('Payout'))
    await other.close()
  },
})
