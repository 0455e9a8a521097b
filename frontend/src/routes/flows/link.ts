/** SUB_KEYS are the labels a tracking link carries, sub1…sub5. */
export const SUB_KEYS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const
export type SubKey = (typeof SUB_KEYS)[number]

/** SubMode is how a label enters the link: left out, a fixed value, or the tracker's placeholder. */
export type SubMode = 'none' | 'value' | 'placeholder'

/** SubSetting is one label of the link builder. */
export interface SubSetting {
  mode: SubMode
  /** value is the fixed value (mode "value") or the tracker's placeholder (mode "placeholder"). */
  value: string
}

export type SubSettings = Record<SubKey, SubSetting>

/** defaultSubs leaves every label out. */
export function defaultSubs(): SubSettings {
  return Object.fromEntries(SUB_KEYS.map((k) => [k, { mode: 'none', value: '' }])) as SubSettings
}

/** LinkSearch is the link builder's part of the flow page's URL (search.ts flowSearchSchema). */
export type LinkSearch = Partial<Record<SubKey, string> & Record<`${SubKey}Mode`, 'placeholder'>>

/** subsOf reads the labels from the URL: absent is left out, `subNMode=placeholder` a placeholder, else a value. */
export function subsOf(search: LinkSearch): SubSettings {
  return Object.fromEntries(
    SUB_KEYS.map((k) => {
      const value = search[k]
      const mode: SubMode = value === undefined ? 'none' : search[`${k}Mode`] === 'placeholder' ? 'placeholder' : 'value'
      return [k, { mode, value: value ?? '' }]
    }),
  ) as SubSettings
}

/** linkSearch writes the labels for the URL (the inverse of subsOf); every key is set, undefined drops it. */
export function linkSearch(subs: SubSettings): LinkSearch {
  const out: Record<string, string | undefined> = {}
  for (const k of SUB_KEYS) {
    const s = subs[k]
    out[k] = s.mode === 'none' ? undefined : s.value
    out[`${k}Mode`] = s.mode === 'placeholder' ? 'placeholder' : undefined
  }
  return out
}

/** placeholderFor is the placeholder proposed for a label: `{sub1}`, the form most trackers take. */
export function placeholderFor(key: SubKey): string {
  return `{${key}}`
}

/**
 * placeholderProblem says why a tracker placeholder cannot stand in a link (it would break the
 * query), or null. Placeholders go into the link as they are, so that the tracker finds and
 * replaces them; only characters that end a value or the URL are refused.
 */
export function placeholderProblem(value: string): string | null {
  if (value.trim() === '') return 'Enter the placeholder your tracker replaces, like {sub1}.'
  if (/[\s&#?=]/.test(value)) return 'A placeholder may not hold spaces, &, #, ? or =.'
  return null
}

/**
 * trackingLink adds the labels to the flow's tracking URL: fixed values URL-escaped, tracker
 * placeholders as they are (a tracker looks for `{sub1}` literally). Labels left out, empty
 * values and invalid placeholders are not added.
 */
export function trackingLink(base: string, subs: SubSettings): string {
  const parts: string[] = []
  for (const key of SUB_KEYS) {
    const s = subs[key]
    if (s.mode === 'value' && s.value !== '') parts.push(`${key}=${encodeURIComponent(s.value)}`)
    if (s.mode === 'placeholder' && placeholderProblem(s.value) === null) parts.push(`${key}=${s.value}`)
  }
  if (parts.length === 0) return base
  return base + (base.includes('?') ? '&' : '?') + parts.join('&')
}

/**
 * landingShares returns each landing's share of the traffic in percent (rounded to whole
 * numbers, summing to 100) when a flow rotates between them by weight; inactive landings and
 * non-positive weights get 0.
 */
export function landingShares(landings: readonly { id: string; weight: number; active: boolean }[]): Record<string, number> {
  const live = landings.filter((l) => l.active && l.weight > 0)
  const total = live.reduce((s, l) => s + l.weight, 0)
  const out: Record<string, number> = Object.fromEntries(landings.map((l) => [l.id, 0]))
  if (total === 0) return out
  // Largest remainder, so that the shares add up to exactly 100.
  const raw = live.map((l) => ({ id: l.id, exact: (l.weight * 100) / total }))
  let left = 100
  for (const r of raw) {
    out[r.id] = Math.floor(r.exact)
    left -= Math.floor(r.exact)
  }
  raw.sort((a, b) => (b.exact % 1) - (a.exact % 1))
  for (let i = 0; i < left; i++) {
    const r = raw[i % raw.length]
    if (r) out[r.id] = (out[r.id] ?? 0) + 1
  }
  return out
}
