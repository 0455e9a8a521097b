/**
 * The macros of a publisher postback URL (SPEC §5, docs/publisher-postbacks.md) and the same
 * checks the server makes when the URL is saved (internal/notify.ValidateURL), so the form
 * refuses what the server would refuse, in words.
 */

/** MacroGroup is a set of macros the picker shows under one heading. */
export interface MacroGroup {
  label: string
  macros: readonly { name: string; help: string }[]
}

/** MACRO_GROUPS are every macro the server knows, grouped for the picker. */
export const MACRO_GROUPS: readonly MacroGroup[] = [
  {
    label: 'Conversion',
    macros: [
      { name: 'click_id', help: 'cpanet’s click ID' },
      { name: 'conversion_id', help: 'cpanet’s conversion ID' },
      { name: 'transaction_id', help: 'the advertiser’s transaction ID (hashed unless the admin allows it)' },
      { name: 'status', help: 'pending, approved or cancelled' },
      { name: 'goal', help: 'the goal code' },
      { name: 'payout', help: 'your payout, e.g. 12.50' },
      { name: 'currency', help: 'the offer’s currency' },
      { name: 'offer_id', help: 'the offer’s ID' },
      { name: 'flow_id', help: 'the flow’s ID' },
    ],
  },
  {
    label: 'Your labels',
    macros: [1, 2, 3, 4, 5].map((i) => ({ name: `sub${String(i)}`, help: `sub${String(i)} from the tracking link` })),
  },
  {
    label: 'Click',
    macros: [
      { name: 'utm_source', help: 'the click’s utm_source' },
      { name: 'utm_medium', help: 'the click’s utm_medium' },
      { name: 'utm_campaign', help: 'the click’s utm_campaign' },
      { name: 'utm_content', help: 'the click’s utm_content' },
      { name: 'utm_term', help: 'the click’s utm_term' },
      { name: 'site', help: 'the click’s site' },
      { name: 'country', help: 'the click’s ISO country' },
      { name: 'click_time', help: 'click time, Unix seconds' },
      { name: 'conversion_time', help: 'conversion time, Unix seconds' },
    ],
  },
]

/** MACROS are the names of every macro, without braces. */
export const MACROS: readonly string[] = MACRO_GROUPS.flatMap((g) => g.macros.map((m) => m.name))

/** MAX_URL_LENGTH is the longest postback URL the server accepts, in bytes. */
export const MAX_URL_LENGTH = 2048

const MACRO_RE = /\{([A-Za-z0-9_]+)\}/g

/** unknownMacros returns the {names} in url that are not macros, each once, with braces. */
export function unknownMacros(url: string): string[] {
  const out: string[] = []
  for (const m of url.matchAll(MACRO_RE)) {
    const name = m[1] ?? ''
    const braced = `{${name}}`
    if (!MACROS.includes(name) && !out.includes(braced)) out.push(braced)
  }
  return out
}

/** authorityEnd is the index just past "scheme://user@host:port" in raw. */
function authorityEnd(raw: string): number {
  const i = raw.indexOf('//')
  if (i < 0) return 0
  const rest = raw.slice(i + 2)
  const j = rest.search(/[/?#]/)
  return j >= 0 ? i + 2 + j : raw.length
}

/**
 * postbackURLProblem says in words why the server would refuse url as a postback URL, or
 * returns null when it is accepted. An empty url is not checked here (it means "none").
 */
export function postbackURLProblem(url: string): string | null {
  if (url === '') return null
  if (new TextEncoder().encode(url).length > MAX_URL_LENGTH) return `Keep the URL under ${String(MAX_URL_LENGTH)} characters.`
  const unknown = unknownMacros(url)
  if (unknown.length === 1) return `${unknown[0] ?? ''} is not a macro. Pick one from “Insert macro”.`
  if (unknown.length > 1) return `${unknown.join(', ')} are not macros. Pick them from “Insert macro”.`
  const plain = url.replace(MACRO_RE, '0')
  if (/[{}]/.test(plain)) return 'A brace that is not part of a {macro}: remove it or complete the macro.'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(plain)) return 'Remove the spaces: a URL has none (write %20 if you need one).'
  let parsed: URL
  try {
    parsed = new URL(plain)
  } catch {
    return 'Enter a full URL, like https://tracker.example/postback?subid={sub1}.'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'The URL must start with http:// or https://.'
  if (!parsed.hostname) return 'The URL needs a host name.'
  const first = url.search(/\{[A-Za-z0-9_]+\}/)
  if (first >= 0 && first < authorityEnd(url)) return 'Macros may stand in the path or the query, never in the host.'
  return null
}

/** Inserted is a text after an insertion and where the cursor goes. */
export interface Inserted {
  value: string
  cursor: number
}

/**
 * insertAt puts text into value in place of the selection [start, end) (the cursor when they
 * are equal) and returns the new value with the cursor just after the inserted text.
 */
export function insertAt(value: string, text: string, start: number | null, end: number | null): Inserted {
  const s = Math.max(0, Math.min(start ?? value.length, value.length))
  const e = Math.max(s, Math.min(end ?? s, value.length))
  return { value: value.slice(0, s) + text + value.slice(e), cursor: s + text.length }
}

/** POSTBACK_STATUSES are the events a postback may be limited to. */
export const POSTBACK_STATUSES = [
  { value: 'created', label: 'Created' },
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'cancelled', label: 'Cancelled' },
] as const

/** METHODS are how a postback URL is called, in words. */
export const METHODS = [
  { value: 'GET', label: 'GET (values in the URL)' },
  { value: 'POST_FORM', label: 'POST form' },
  { value: 'POST_JSON', label: 'POST JSON' },
] as const

/**
 * serverURLProblem turns the server's refusal of a postback URL (BAD_USER_INPUT) into words:
 * the unknown macros it names, or a general sentence. The raw message is never shown.
 */
export function serverURLProblem(message: string): string {
  if (/unknown macro/i.test(message)) {
    const names = [...new Set([...message.matchAll(/\{[A-Za-z0-9_]+\}/g)].map((m) => m[0]))]
    if (names.length > 0) return `The server refused ${names.join(', ')}: not ${names.length === 1 ? 'a macro' : 'macros'}.`
    return 'The URL holds an unknown macro.'
  }
  if (/host/i.test(message) && /macro/i.test(message)) return 'Macros may stand in the path or the query, never in the host.'
  if (/scheme/i.test(message)) return 'The URL must start with http:// or https://.'
  return 'The server did not accept this URL. Check that it is a full http(s) URL.'
}

/** deliveryError says in words why a call to a postback URL failed (the delivery log's error, the test's). */
export function deliveryError(error: string | null | undefined, status: number | null | undefined): string | null {
  if (error) {
    if (/address not allowed|redirect to a scheme/i.test(error))
      return 'Refused: the address is private, local or otherwise not public, and cpanet does not call such addresses. Use your tracker’s public address.'
    if (/too many times|redirected too many/i.test(error)) return 'Your tracker redirected more than 3 times.'
    if (/timeout|deadline exceeded|Client\.Timeout/i.test(error)) return 'Your tracker did not answer in time (10 s).'
    if (/connection refused/i.test(error)) return 'Nothing answers at that address (connection refused).'
    if (/no such host|lookup/i.test(error)) return 'The host name does not exist (DNS lookup failed).'
    if (/certificate|x509|tls/i.test(error)) return 'The HTTPS certificate of your tracker is not valid.'
    if (/connection reset|EOF/i.test(error)) return 'The connection was closed before your tracker answered.'
    const http = /^HTTP (\d{3})/.exec(error)
    if (http) return `Your tracker answered HTTP ${http[1] ?? ''}${statusWords(Number(http[1]))}.`
    return 'The call failed before your tracker answered.'
  }
  if (status != null && (status < 200 || status > 299)) return `Your tracker answered HTTP ${String(status)}${statusWords(status)}.`
  return null
}

function statusWords(status: number): string {
  if (status === 404) return ' (not found: check the path)'
  if (status === 401 || status === 403) return ' (refused: check the token in the URL)'
  if (status === 408 || status === 429 || status >= 500) return ' (cpanet retries such answers)'
  return ''
}
