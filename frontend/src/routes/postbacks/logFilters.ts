import { OUTCOMES, RESULTS, type PostbacksSearch } from './search'

/** Field is a filter of a log. */
export type Field = 'result' | 'outcome' | 'http' | 'click' | 'txn' | 'from' | 'to'
/** Values are the filters as the form holds them (empty string: no filter). */
export type Values = Record<Field, string>

/** OUTCOME_NAMES name an outgoing delivery attempt's outcome. */
export const OUTCOME_NAMES = { DELIVERED: 'Delivered', RETRY: 'Will retry', FAILED: 'Failed' } as const

/** fromSearch reads the filters from the URL. */
export function fromSearch(s: PostbacksSearch): Values {
  return {
    result: s.result ?? '',
    outcome: s.outcome ?? '',
    http: s.http === undefined ? '' : String(s.http),
    click: s.click ?? '',
    txn: s.txn ?? '',
    from: s.from ?? '',
    to: s.to ?? '',
  }
}

/** FilterPatch is what applying the filters writes to the URL (undefined removes a filter). */
export type FilterPatch = Partial<Pick<PostbacksSearch, Field>>

/** filterPatch turns the form's values into URL params; values that do not parse are left out. */
export function filterPatch(v: Values): FilterPatch {
  const t = (s: string) => (s.trim() === '' ? undefined : s.trim())
  const http = Number(v.http.trim())
  return {
    result: (RESULTS as readonly string[]).includes(v.result) ? (v.result as PostbacksSearch['result']) : undefined,
    outcome: (OUTCOMES as readonly string[]).includes(v.outcome) ? (v.outcome as PostbacksSearch['outcome']) : undefined,
    http: v.http.trim() !== '' && Number.isInteger(http) && http >= 100 && http <= 599 ? http : undefined,
    click: /^\d{1,17}$/.test(v.click.trim()) ? v.click.trim() : undefined,
    txn: t(v.txn),
    from: t(v.from),
    to: t(v.to),
  }
}

