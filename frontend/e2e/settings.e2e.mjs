// The Settings page (/settings) in a real browser: each role sees only its sections (tabs in the
// URL); the admin's network settings against the API (and put back); an API token created, used
// against /graphql, revoked and then refused; a password change (a wrong current password in
// words first); an advertiser's postback key rotated (the old key refused by /postback at once,
// the new one accepted); a publisher's postback secret masked, revealed and rotated. axe on every
// state, screenshots at 1440 and 390 px. Users whose secrets change are created here, never the
// demo's. Run by e2e/run.mjs (E2E_ONLY=settings).
import { baseURL, desktop, phone, expectEqual, check, axe, shot, expectOneH1, signedInPage, graphql, password, noSidewaysScroll } from './harness.mjs'

export const tests = []

const adminEmail = 'admin@demo.cpanet'

/** login signs in through the API and returns { token, user }, or throws with the error. */
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

/** createUser creates a user of role through the admin, with the demo password; returns its email. */
async function createUser(role, name) {
  const admin = await login(adminEmail)
  const email = `settings-${role.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.cpanet`
  await graphql(admin.token, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email, password, name, role } })
  return email
}

/**
 * rawGraphQL posts a query with a bearer token, as a script would, and returns the HTTP status and
 * the body. It accepts application/graphql-response+json, whose bad credentials are HTTP 401.
 */
async function rawGraphQL(token, query) {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  })
  return { status: res.status, body: await res.json() }
}

/** postbackStatus calls /postback with key for a click that does not exist: 403 for a bad key, 404 for a good one. */
async function postbackStatus(key) {
  const res = await fetch(`${baseURL}/postback?key=${encodeURIComponent(key)}&clickid=999999999999&transaction_id=e2e-settings-${Date.now()}`)
  return res.status
}

async function tabNames(page) {
  return (await page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab').allTextContents()).map((t) => t.trim())
}

/** openTab clicks a section's tab and waits for the URL to name it. */
async function openTab(page, name, section) {
  await page.getByRole('tab', { name, exact: true }).click()
  await page.waitForFunction((s) => new URLSearchParams(location.search).get('section')?.replaceAll('"', '') === s, section)
}

const views = [
  {
    email: adminEmail,
    role: 'admin',
    tabs: [
      ['Network', 'network', 'Network settings'],
      ['Profile', 'profile', 'Profile'],
      ['API tokens', 'tokens', 'API tokens'],
    ],
    forbidden: 'postback-key',
  },
  {
    email: 'adv@demo.cpanet',
    role: 'advertiser',
    tabs: [
      ['Profile', 'profile', 'Profile'],
      ['API tokens', 'tokens', 'API tokens'],
      ['Postback key', 'postback-key', 'Postback key'],
    ],
    forbidden: 'network',
  },
  {
    email: 'pub@demo.cpanet',
    role: 'publisher',
    tabs: [
      ['Profile', 'profile', 'Profile'],
      ['API tokens', 'tokens', 'API tokens'],
      ['Postback secret', 'postback-secret', 'Postback secret'],
    ],
    forbidden: 'network',
  },
]

for (const view of views) {
  tests.push({
    name: `settings: the ${view.role} sees only its sections, each in the URL; axe; 1440 and 390 px`,
    context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
    async run(context) {
      // A section the role may not use falls back to its first one.
      const page = await signedInPage(context, view.email, `/settings?section=${view.forbidden}`)
      await expectOneH1(page, 'Settings')
      expectEqual(`${view.role} tabs`, await tabNames(page), view.tabs.map(([name]) => name))
      await page.getByRole('heading', { level: 2, name: view.tabs[0][2], exact: true }).waitFor()
      for (const [name, section, heading] of view.tabs) {
        await openTab(page, name, section)
        await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor()
        await page.locator('[aria-busy="true"], .mantine-Skeleton-root').first().waitFor({ state: 'detached' }).catch(() => {})
        await axe(page, `settings ${section} (${view.role})`)
        await shot(page, `settings-${view.role}-${section}`)
      }
      // A deep link opens its section; Back returns to the previous one.
      await page.goto(`${baseURL}/settings?section=${view.tabs[2][1]}`)
      await page.getByRole('heading', { level: 2, name: view.tabs[2][2], exact: true }).waitFor()
      expectEqual('selected tab from the URL', await page.getByRole('tab', { selected: true }).textContent(), view.tabs[2][0])

      await page.setViewportSize(phone)
      for (const [name, section, heading] of view.tabs) {
        await openTab(page, name, section)
        await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor()
        await page.waitForTimeout(200)
        await noSidewaysScroll(page, `settings ${section} (${view.role}) at 390 px`)
      }
      await axe(page, `settings ${view.tabs[2][1]} (${view.role}, 390 px)`)
      await shot(page, `settings-${view.role}-${view.tabs[2][1]}-phone`)
      await openTab(page, view.tabs[0][0], view.tabs[0][1])
      await axe(page, `settings ${view.tabs[0][1]} (${view.role}, 390 px)`)
      await shot(page, `settings-${view.role}-${view.tabs[0][1]}-phone`)
    },
  })
}

tests.push({
  name: 'settings: the admin changes the minimum withdrawal and the API sees it; wrong values in words; everything put back',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const admin = await login(adminEmail)
    const all = '{ settings { holdNewOffersByDefault defaultTrafficbackURL minWithdrawal requirePublisherApproval postbackRawTransactionID } }'
    const { settings: before } = await graphql(admin.token, all)
    try {
      const page = await signedInPage(context, adminEmail, '/settings')
      await expectOneH1(page, 'Settings')
      const min = page.getByTestId('min-withdrawal')
      await min.waitFor()
      expectEqual('minimum withdrawal shown', await min.inputValue(), before.minWithdrawal)
      expectEqual('trafficback URL shown', await page.getByTestId('trafficback-url').inputValue(), before.defaultTrafficbackURL ?? '')
      expectEqual('hold switch shown', await page.getByLabel('Hold new offers by default').isChecked(), before.holdNewOffersByDefault)

      // Wrong values: errors in words on their fields, nothing sent.
      await min.fill('12.345')
      await page.getByTestId('trafficback-url').fill('example.com/more')
      await page.getByTestId('save-network').click()
      await page.getByText('Use at most 2 decimals.').waitFor()
      await page.getByText('Enter an absolute URL starting with https:// or http://.').waitFor()
      check('the amount is marked invalid', (await min.getAttribute('aria-invalid')) === 'true')
      await axe(page, 'settings network with errors (admin)')
      await shot(page, 'settings-admin-network-errors')
      await min.fill('1000000.01')
      await page.getByTestId('save-network').click()
      await page.getByText('The minimum withdrawal can be at most 1,000,000.').waitFor()
      expectEqual('nothing was saved', (await graphql(admin.token, all)).settings, before)

      // A real change, seen by the API.
      const wanted = before.minWithdrawal === '42.50' ? '43.75' : '42.50'
      await page.getByTestId('trafficback-url').fill(before.defaultTrafficbackURL ?? '')
      await min.fill(wanted)
      await page.getByTestId('save-network').click()
      await page.getByTestId('network-saved').waitFor()
      const { settings: after } = await graphql(admin.token, all)
      expectEqual('settings after saving', after, { ...before, minWithdrawal: wanted })
      await axe(page, 'settings network saved (admin)')

      // Reloaded, the page shows what the server has.
      await page.reload()
      await page.getByTestId('min-withdrawal').waitFor()
      expectEqual('minimum withdrawal after reload', await page.getByTestId('min-withdrawal').inputValue(), wanted)
    } finally {
      await graphql(
        admin.token,
        'mutation($i: UpdateSettingsInput!) { updateSettings(input: $i) { minWithdrawal } }',
        { i: { ...before, defaultTrafficbackURL: before.defaultTrafficbackURL ?? '' } },
      )
      expectEqual('settings put back', (await graphql(admin.token, all)).settings, before)
    }
  },
})

tests.push({
  name: 'settings: a user creates an API token (shown once, copied), uses it against /graphql, revokes it and it is refused',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin', permissions: ['clipboard-read', 'clipboard-write'] },
  async run(context) {
    const email = await createUser('PUBLISHER', 'Token Publisher')
    const page = await signedInPage(context, email, '/settings?section=tokens')
    await expectOneH1(page, 'Settings')
    await page.getByTestId('no-tokens').waitFor()
    check('the usage example names /graphql and the Bearer header', (await page.getByTestId('curl-example').textContent()).includes(`${baseURL}/graphql`))
    await axe(page, 'settings tokens, none yet')

    // Validation in words.
    await page.getByTestId('create-token').click()
    await page.getByText('Name the token after what uses it, like “nightly report”.').waitFor()

    await page.getByTestId('token-name').fill('e2e script')
    await page.getByTestId('token-expiry').click()
    await page.getByRole('option', { name: '30 days', exact: true }).click()
    await page.getByTestId('create-token').click()
    const dialog = page.getByRole('dialog', { name: 'Your new token “e2e script”' })
    await dialog.waitFor()
    check('the dialog says it is shown once', (await dialog.textContent()).includes('you won’t see it again'))
    const token = (await dialog.getByTestId('new-token').textContent()).trim()
    check(`a cpanet token (${token.slice(0, 8)}…)`, token.startsWith('cpn_') && token.length > 20)
    await dialog.getByRole('button', { name: 'Copy the API token' }).click()
    await dialog.getByRole('button', { name: 'Copied the API token' }).waitFor()
    expectEqual('clipboard holds the token', await page.evaluate(() => navigator.clipboard.readText()), token)
    await axe(page, 'settings new token dialog')
    await shot(page, 'settings-publisher-new-token')
    await dialog.getByTestId('token-done').click()
    await dialog.waitFor({ state: 'detached' })
    check('the token is not on the page any more', !(await page.content()).includes(token))

    const row = page.getByTestId('token-row').filter({ hasText: 'e2e script' })
    await row.waitFor()
    expectEqual('last used before any use', (await row.getByTestId('token-last-used').textContent()).trim(), 'Never')
    expectEqual('state', await row.getAttribute('data-state'), 'active')

    // The token works against /graphql, as the example says.
    const used = await rawGraphQL(token, '{ me { email } }')
    expectEqual('me with the token', used.body.data?.me?.email, email)
    await page.reload()
    await row.waitFor()
    check('last used is recorded', (await row.getByTestId('token-last-used').textContent()).trim() !== 'Never')
    await axe(page, 'settings tokens list')
    await shot(page, 'settings-publisher-tokens')

    // Revoke, with a confirmation.
    await row.getByRole('button', { name: 'Revoke the token e2e script' }).click()
    const confirm = page.getByRole('dialog', { name: 'Revoke the token “e2e script”?' })
    await confirm.waitFor()
    check('the confirmation says scripts are refused', (await confirm.textContent()).includes('refused from now on'))
    await axe(page, 'settings revoke token dialog')
    await confirm.getByTestId('confirm-revoke').click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByTestId('no-tokens').waitFor()

    const refused = await rawGraphQL(token, '{ me { email } }')
    expectEqual('HTTP status with the revoked token', refused.status, 401)
    expectEqual('error code with the revoked token', refused.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED')

    // The revoked token stays listed on request (in the URL).
    await page.getByLabel('Show revoked tokens').check()
    await page.waitForFunction(() => location.search.includes('revoked=true'))
    await page.getByTestId('token-row').filter({ hasText: 'e2e script' }).and(page.locator('[data-state="revoked"]')).waitFor()
    await axe(page, 'settings tokens with revoked')
    // The session's own JWT is unaffected.
    await expectOneH1(page, 'Settings')
  },
})

tests.push({
  name: 'settings: a wrong current password is refused in words; a real password change; the name saved',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin' },
  async run(context) {
    const email = await createUser('ADVERTISER', 'Password Advertiser')
    const page = await signedInPage(context, email, '/settings?section=profile')
    await expectOneH1(page, 'Settings')
    await page.getByTestId('old-password').waitFor()

    // Mismatch and length: the form's own checks.
    await page.getByTestId('old-password').fill(password)
    await page.getByTestId('new-password').fill('short')
    await page.getByTestId('confirm-password').fill('shorter')
    await page.getByTestId('change-password').click()
    await page.getByText('Use at least 8 characters.').first().waitFor()
    await page.getByText('The two new passwords differ.').waitFor()

    // A wrong current password: the server says no, in words, on the field; the session stays.
    const newPassword = `new-e2e-password-${Date.now()}`
    await page.getByTestId('old-password').fill('not-my-password')
    await page.getByTestId('new-password').fill(newPassword)
    await page.getByTestId('confirm-password').fill(newPassword)
    await page.getByTestId('change-password').click()
    await page.getByText('The current password is wrong.').waitFor()
    check('the current password is marked invalid', (await page.getByLabel('Current password').getAttribute('aria-invalid')) === 'true')
    await axe(page, 'settings password with a wrong current password')
    await shot(page, 'settings-advertiser-password-wrong')
    expectEqual('still on settings', new URL(page.url()).pathname, '/settings')
    await login(email) // the old password still works

    await page.getByTestId('old-password').fill(password)
    await page.getByTestId('change-password').click()
    await page.getByTestId('password-changed').waitFor()
    expectEqual('the form is emptied', await page.getByTestId('new-password').inputValue(), '')
    await login(email, newPassword)
    let oldRefused = false
    await login(email).catch(() => {
      oldRefused = true
    })
    check('the old password is refused', oldRefused)
    await axe(page, 'settings password changed')

    // The name: saved, seen by the API and in the header at once.
    await page.getByTestId('profile-name').fill('Renamed Advertiser')
    await page.getByRole('button', { name: 'Save name' }).click()
    await page.getByTestId('profile-saved').waitFor()
    const { me } = await graphql((await login(email, newPassword)).token, '{ me { name } }')
    expectEqual('name in the API', me.name, 'Renamed Advertiser')
    await page.getByTestId('user-menu').filter({ hasText: 'Renamed Advertiser' }).waitFor()
    await shot(page, 'settings-advertiser-profile-saved')
  },
})

tests.push({
  name: 'settings: an advertiser rotates its postback key; /postback refuses the old key at once and accepts the new one',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin', permissions: ['clipboard-read', 'clipboard-write'] },
  async run(context) {
    const email = await createUser('ADVERTISER', 'Rotating Advertiser')
    const { token } = await login(email)
    const { me: before } = await graphql(token, '{ me { postbackKey postbackURL } }')
    check('a new advertiser has a postback key', Boolean(before.postbackKey))
    expectEqual('the old key is accepted before rotating (unknown click, not a bad key)', await postbackStatus(before.postbackKey), 404)

    const page = await signedInPage(context, email, '/settings?section=postback-key')
    await expectOneH1(page, 'Settings')
    const key = page.getByTestId('postback-key')
    await key.waitFor()
    check('the key is masked', !(await key.textContent()).includes(before.postbackKey))
    // The URL carries the key: masked the same way, never the key in full beside its mask.
    const masked = (await page.getByTestId('postback-url').textContent()).trim()
    check(`the postback URL is masked too (${masked})`, !masked.includes(before.postbackKey) && masked.includes(`key=••`) && masked.includes(before.postbackKey.slice(-4)))
    await page.getByRole('button', { name: 'Show the postback key' }).click()
    expectEqual('the key revealed', (await key.textContent()).trim(), before.postbackKey)
    await page.getByRole('button', { name: 'Show the postback URL' }).click()
    const url = (await page.getByTestId('postback-url').textContent()).trim()
    check(`the postback URL carries the key (${url})`, url.includes(`key=${before.postbackKey}`) && url.includes('/postback?'))
    await page.getByRole('button', { name: 'Copy the postback URL' }).click()
    expectEqual('clipboard holds the postback URL', await page.evaluate(() => navigator.clipboard.readText()), url)
    await axe(page, 'settings postback key revealed')

    await page.getByTestId('rotate-key').click()
    const dialog = page.getByRole('dialog', { name: 'Rotate the postback key?' })
    await dialog.waitFor()
    check('the confirmation says the old key stops at once', (await dialog.textContent()).includes('The current key stops working at once.'))
    await axe(page, 'settings rotate key dialog')
    await shot(page, 'settings-advertiser-rotate-key')
    await dialog.getByTestId('rotate-key-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('rotate-key-done').waitFor()

    const { me: after } = await graphql(token, '{ me { postbackKey postbackURL } }')
    check('a new key', after.postbackKey && after.postbackKey !== before.postbackKey)
    await page.waitForFunction((k) => document.querySelector('[data-testid="postback-url"]')?.textContent?.includes(`key=${k}`), after.postbackKey)
    expectEqual('the old key is refused', await postbackStatus(before.postbackKey), 403)
    expectEqual('the new key is accepted (unknown click, not a bad key)', await postbackStatus(after.postbackKey), 404)
    await axe(page, 'settings postback key rotated')
    await shot(page, 'settings-advertiser-postback-key-rotated')
  },
})

tests.push({
  name: 'settings: a publisher’s postback secret is masked, revealed, copied and rotated with a confirmation',
  context: { viewport: desktop, timezoneId: 'Europe/Berlin', permissions: ['clipboard-read', 'clipboard-write'] },
  async run(context) {
    const email = await createUser('PUBLISHER', 'Signing Publisher')
    const { token } = await login(email)
    const page = await signedInPage(context, email, '/settings?section=postback-secret')
    await expectOneH1(page, 'Settings')
    const secret = page.getByTestId('postback-secret')
    await secret.waitFor()
    const { me: before } = await graphql(token, '{ me { postbackSecret } }')
    check('the secret is masked', !(await secret.textContent()).includes(before.postbackSecret))
    await page.getByRole('button', { name: 'Show the postback secret' }).click()
    expectEqual('the secret revealed', (await secret.textContent()).trim(), before.postbackSecret)
    await page.getByRole('button', { name: 'Copy the postback secret' }).click()
    expectEqual('clipboard holds the secret', await page.evaluate(() => navigator.clipboard.readText()), before.postbackSecret)
    check('the page says how to verify', (await page.getByText('X-Cpanet-Signature').first().textContent()).includes('v1='))

    await page.getByTestId('rotate-secret').click()
    const dialog = page.getByRole('dialog', { name: 'Rotate the postback secret?' })
    await dialog.waitFor()
    await axe(page, 'settings rotate secret dialog')
    await dialog.getByTestId('rotate-secret-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('rotate-secret-done').waitFor()
    const { me: after } = await graphql(token, '{ me { postbackSecret } }')
    check('a new secret', after.postbackSecret && after.postbackSecret !== before.postbackSecret)
    await page.waitForFunction((s) => document.querySelector('[data-testid="postback-secret"]')?.textContent?.includes(s.slice(-4)), after.postbackSecret)
    await axe(page, 'settings postback secret rotated')
    await shot(page, 'settings-publisher-postback-secret-rotated')
  },
})
