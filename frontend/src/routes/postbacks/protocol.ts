/**
 * The postback protocol as the dashboard explains it (SPEC §3, docs/postback.md): parameters and
 * their aliases, statuses, results and answers in words, and the URLs the helper builds.
 */

/** Parameter is one field of the postback protocol. */
export interface Parameter {
  name: string
  aliases: string[]
  required: string
  meaning: string
  example: string
}

/** PARAMETERS are every field /postback reads, in the protocol's order. */
export const PARAMETERS: readonly Parameter[] = [
  { name: 'key', aliases: [], required: 'Always', meaning: 'Your postback key. Missing or wrong: 403, nothing changes.', example: 'already in your URL' },
  {
    name: 'clickid',
    aliases: ['click_id', 'cid', 'subid'],
    required: 'To create a conversion',
    meaning: 'The numeric click ID cpanet put into your landing URL (the offer’s {click_id} macro).',
    example: '8589934593',
  },
  {
    name: 'transaction_id',
    aliases: ['txid', 'order_id'],
    required: 'Recommended',
    meaning: 'Your ID of the action, unique among your postbacks (at most 255 characters). Finds the conversion in later postbacks and stops repeated triggers.',
    example: 'ORD-1001',
  },
  { name: 'goal', aliases: ['event'], required: 'No', meaning: 'The goal’s code. Left out: the offer’s default goal.', example: 'reg' },
  {
    name: 'amount',
    aliases: ['sum'],
    required: 'For percent goals',
    meaning: 'The amount of the operation, “.” as the separator, at most 4 decimals. Feeds percent payouts. Negative = chargeback.',
    example: '120.50',
  },
  {
    name: 'status',
    aliases: [],
    required: 'No',
    meaning: 'pending, approved or cancelled (other spellings below). Left out: the goal’s default — expected goals start pending, guaranteed goals approved.',
    example: 'approved',
  },
  { name: 'approve', aliases: [], required: 'No', meaning: '1 approves, 0 cancels an existing pending conversion; anything else is left alone.', example: '1' },
  { name: 'currency', aliases: [], required: 'No', meaning: 'ISO 4217; when given it must be the offer’s currency.', example: 'USD' },
  { name: 'country', aliases: [], required: 'No', meaning: 'ISO 3166-1 alpha-2; fills the conversion’s country when the click has none.', example: 'DE' },
  { name: 'email', aliases: [], required: 'No', meaning: 'The visitor’s email (personal data: shown to you and the admin only).', example: 'ann@example.com' },
  { name: 'phone', aliases: [], required: 'No', meaning: 'The visitor’s phone (personal data).', example: '+491701234567' },
  { name: 'name', aliases: [], required: 'No', meaning: 'The visitor’s name (personal data).', example: 'Ann Smith' },
  { name: 'comment', aliases: [], required: 'No', meaning: 'Free text kept in the conversion’s history (at most 1,000 characters).', example: 'refunded' },
]

/** STATUS_SPELLINGS are the spellings /postback accepts for each status (case-insensitive). */
export const STATUS_SPELLINGS: Record<'pending' | 'approved' | 'cancelled', string[]> = {
  pending: ['pending', 'wait', 'waiting', 'hold', 'new'],
  approved: ['approved', 'approve', 'confirmed', 'confirm', 'paid', '1'],
  cancelled: ['cancelled', 'canceled', 'cancel', 'rejected', 'declined', 'trash', '0'],
}

const CANONICAL = new Map<string, string>(
  PARAMETERS.flatMap((p) => [[p.name, p.name] as const, ...p.aliases.map((a) => [a, p.name] as const)]),
)

/** canonicalName returns the protocol's name of a parameter received under any alias (case-insensitive), or null when unknown. */
export function canonicalName(received: string): string | null {
  return CANONICAL.get(received.toLowerCase()) ?? null
}

/** PARAMETER_LABELS name the protocol's fields for people. */
export const PARAMETER_LABELS: Record<string, string> = {
  key: 'Key',
  clickid: 'Click ID',
  transaction_id: 'Transaction ID',
  goal: 'Goal',
  amount: 'Amount',
  status: 'Status',
  approve: 'Approve',
  currency: 'Currency',
  country: 'Country',
  email: 'Email',
  phone: 'Phone',
  name: 'Name',
  comment: 'Comment',
}

/** ParsedField is one received parameter as the protocol reads it. */
export interface ParsedField {
  received: string
  value: string
  /** field is the protocol's name, null for a parameter the protocol ignores. */
  field: string | null
}

/** parseParams reads a logged parameter map the way /postback does: aliases to names, unknown ones marked. */
export function parseParams(params: Record<string, string>): ParsedField[] {
  const order = new Map(PARAMETERS.map((p, i) => [p.name, i]))
  return Object.entries(params)
    .map(([received, value]) => ({ received, value, field: canonicalName(received) }))
    .sort((a, b) => (order.get(a.field ?? '') ?? 99) - (order.get(b.field ?? '') ?? 99) || a.received.localeCompare(b.received))
}

/** rawQuery writes a logged parameter map back as the query string it came as (masked values stay masked). */
export function rawQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
}

/** RESULT_NAMES name a log row's result. */
export const RESULT_NAMES: Record<string, string> = {
  created: 'Created',
  updated: 'Updated',
  duplicate: 'Duplicate',
  ignored: 'Ignored',
  chargeback: 'Chargeback',
  error: 'Refused',
}

/** RESULT_COLORS are the result badges' colours (dark shades that pass contrast with white text). */
export const RESULT_COLORS: Record<string, string> = {
  created: 'teal.9',
  updated: 'blue.9',
  duplicate: 'gray.7',
  ignored: 'yellow.9',
  chargeback: 'grape.9',
  error: 'red.9',
}

/** RESULT_MEANINGS say what a result means (docs/postback.md, Answers). */
export const RESULT_MEANINGS: Record<string, string> = {
  created: 'A conversion was created.',
  updated: 'The conversion’s status changed.',
  duplicate: 'Nothing to do: the conversion is already in that state, or the postback was repeated.',
  ignored: 'Nothing was done.',
  chargeback: 'A chargeback cancelled the conversion and took back its payout.',
  error: 'The request was refused and changed nothing.',
}

const HTTP_NAMES: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** httpName writes an HTTP status with its name ("404 Not Found"). */
export function httpName(status: number): string {
  const name = HTTP_NAMES[status]
  return name ? `${String(status)} ${name}` : String(status)
}

/** REFUSALS explain each refusal status of /postback in words. */
export const REFUSALS: Record<number, string> = {
  400: 'Malformed input: check the value named below.',
  403: 'The key is missing or wrong (or the advertiser is blocked).',
  404: 'Unknown click: no click with this ID reached a landing of your offers.',
  405: 'Only GET and POST are accepted.',
  413: 'The body is over 64 KiB.',
}

/** PostbackAnswer is /postback's JSON answer (docs/postback.md). */
export interface PostbackAnswer {
  result?: string
  conversion_id?: number | string | null
  status?: string | null
  reason?: string | null
  error?: string
}

/** AnswerInWords is an answer of /postback told for people. */
export interface AnswerInWords {
  ok: boolean
  title: string
  detail: string | null
  conversionId: string | null
}

/** describeAnswer tells what /postback answered, in words. */
export function describeAnswer(status: number, body: PostbackAnswer | null): AnswerInWords {
  const conversionId = body?.conversion_id === null || body?.conversion_id === undefined ? null : String(body.conversion_id)
  const conv = conversionId ? `Conversion ${conversionId}` : 'The conversion'
  const lower = conversionId ? `conversion ${conversionId}` : 'the conversion'
  const st = body?.status ?? null
  if (status === 200 && body?.result) {
    switch (body.result) {
      case 'created':
        return { ok: true, title: `${conv} was created${st ? `, ${st}` : ''}.`, detail: body.reason ?? null, conversionId }
      case 'updated':
        return { ok: true, title: `${conv} is now ${st ?? 'changed'}.`, detail: body.reason ?? null, conversionId }
      case 'duplicate':
        return {
          ok: true,
          title: `Nothing changed: ${lower} is already ${st ?? 'in that state'} (a repeated postback).`,
          detail: body.reason ?? null,
          conversionId,
        }
      case 'ignored':
        return { ok: true, title: 'Nothing was done.', detail: body.reason ?? null, conversionId }
      case 'chargeback':
        return { ok: true, title: `Chargeback: ${lower} was cancelled and its payout taken back.`, detail: body.reason ?? null, conversionId }
    }
  }
  if (status === 0) return { ok: false, title: 'No answer: cannot reach the server. Check your connection and try again.', detail: null, conversionId: null }
  const refusal = REFUSALS[status]
  return {
    ok: false,
    title: `Refused (${httpName(status)}). ${refusal ?? 'The server did not accept the postback.'}`,
    detail: body?.error ?? body?.reason ?? null,
    conversionId,
  }
}

/** isPlaceholder reports whether a value is an unreplaced placeholder such as {clickid}. */
export function isPlaceholder(value: string): boolean {
  return /^\{[a-z_]+\}$/i.test(value)
}

/** keyOf returns the key in a ready-made postback URL, or null. */
export function keyOf(postbackURL: string): string | null {
  try {
    return new URL(postbackURL).searchParams.get('key')
  } catch {
    return null
  }
}

/**
 * buildPostbackURL writes a postback URL on base's address with base's key and the fields given,
 * in order. A value written {like_this} stays a placeholder for the advertiser's system to fill
 * (braces unescaped, as in the ready-made URL); other values are URL-escaped.
 */
export function buildPostbackURL(base: string, fields: [string, string][]): string {
  let origin = ''
  let path = '/postback'
  try {
    const u = new URL(base)
    origin = u.origin
    path = u.pathname
  } catch {
    // A relative base: same origin.
  }
  const key = keyOf(base)
  const pairs: [string, string][] = [...(key !== null ? ([['key', key]] as [string, string][]) : []), ...fields]
  const escape = (v: string) =>
    v.replace(/\{[a-z_]+\}|[^{}]+/gi, (part) => (isPlaceholder(part) ? part : encodeURIComponent(part)))
  return `${origin}${path}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${escape(v)}`).join('&')}`
}

/** GoalInfo is what the examples need of a goal. */
export interface GoalInfo {
  code: string
  name: string
  kind: 'EXPECTED' | 'GUARANTEED'
  revenueType?: 'FIXED' | 'PERCENT' | null
}

/** Example is one copyable postback URL with what it does. */
export interface Example {
  id: string
  title: string
  text: string
  url: string
}

/**
 * examples builds the helper's copyable URLs from the real postback URL: a guaranteed goal, an
 * expected goal, approving and cancelling it later, and a chargeback. goals are the advertiser's
 * (the first of each kind is used); without them, generic codes stand in.
 */
export function examples(base: string, goals: GoalInfo[]): Example[] {
  // Only the offer's own goals: a code it does not have is answered 400 "unknown goal".
  const guaranteed = goals.find((g) => g.kind === 'GUARANTEED')
  const expected = goals.find((g) => g.kind === 'EXPECTED')
  const amountFor = (g: GoalInfo): [string, string][] => (g.revenueType === 'PERCENT' ? [['amount', '{amount}']] : [])
  const out: Example[] = []
  if (guaranteed) {
    out.push({
      id: 'guaranteed',
      title: `Guaranteed goal — ${guaranteed.name} (${guaranteed.code})`,
      text: 'Reported once and approved at once (pending instead when the offer holds conversions).',
      url: buildPostbackURL(base, [['clickid', '{clickid}'], ['goal', guaranteed.code], ...amountFor(guaranteed), ['transaction_id', '{transaction_id}']]),
    })
  }
  if (expected) {
    out.push({
      id: 'expected',
      title: `Expected goal — ${expected.name} (${expected.code})`,
      text: 'Created pending; approve or cancel it later with the same transaction ID.',
      url: buildPostbackURL(base, [['clickid', '{clickid}'], ['goal', expected.code], ...amountFor(expected), ['transaction_id', '{transaction_id}']]),
    })
  }
  out.push(
    {
      id: 'approve',
      title: 'Approve it later',
      text: 'Confirms the pending conversion found by its transaction ID.',
      url: buildPostbackURL(base, [['transaction_id', '{transaction_id}'], ['status', 'approved']]),
    },
    {
      id: 'cancel',
      title: 'Cancel it',
      text: 'Cancels a pending or approved conversion (an approved one’s payout is reversed).',
      url: buildPostbackURL(base, [['transaction_id', '{transaction_id}'], ['status', 'cancelled']]),
    },
    {
      id: 'chargeback',
      title: 'Chargeback (refund)',
      text: 'A negative amount cancels the conversion with reason “chargeback” and takes its payout back: put a minus before the refunded amount.',
      url: buildPostbackURL(base, [['transaction_id', '{transaction_id}'], ['amount', '-{amount}']]),
    },
  )
  return out
}

/** paramOf returns a logged postback's value of a protocol field, under whichever alias it came. */
export function paramOf(params: Record<string, string>, field: string): string | null {
  for (const [k, v] of Object.entries(params)) if (canonicalName(k) === field) return v
  return null
}
