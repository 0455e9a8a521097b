import { useCallback, useMemo, useState, useSyncExternalStore } from 'react'
import { browserStorage, type KeyValueStorage } from '../session/token'

/** TIMEZONE_KEY is the localStorage key of the viewer's chosen timezone. */
export const TIMEZONE_KEY = 'cpanet.timezone'

/** browserTimezone is the timezone the browser runs in (UTC when it cannot tell). */
export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

const known = new Map<string, boolean>()

/**
 * isTimezone reports whether Intl knows name as an IANA timezone. The answer is remembered:
 * building an Intl.DateTimeFormat is slow and the router checks ?tz= on every navigation.
 */
export function isTimezone(name: string): boolean {
  if (name === '') return false
  let ok = known.get(name)
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name })
      ok = true
    } catch {
      ok = false
    }
    if (known.size < 1000) known.set(name, ok)
  }
  return ok
}

let allZones: string[] | undefined

/** timezones lists the IANA timezones the browser knows, UTC first (built once). */
export function timezones(): string[] {
  if (!allZones) {
    const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
    allZones = ['UTC', ...names.filter((n) => n !== 'UTC')]
  }
  return allZones
}

/**
 * useTimezoneOptions gives a timezone Select its options lazily: only the chosen one until its
 * dropdown first opens, then all ~420. A closed select does not need the list, and building and
 * filtering it in every select on the first render was a sizable part of the page's blocking time.
 */
export function useTimezoneOptions(value: string): { data: string[]; onDropdownOpen: () => void } {
  const [opened, setOpened] = useState(false)
  const data = useMemo(() => (opened ? timezones() : [value]), [opened, value])
  const onDropdownOpen = useCallback(() => {
    setOpened(true)
  }, [])
  return { data, onDropdownOpen }
}

/** TimezoneStore keeps the viewer's timezone across reloads and tells its subscribers of changes. */
export interface TimezoneStore {
  get: () => string
  set: (name: string) => void
  subscribe: (listener: () => void) => () => void
}

/** createTimezoneStore reads and writes the choice in storage; default: the browser's timezone. */
export function createTimezoneStore(storage: KeyValueStorage | undefined, fallback = browserTimezone()): TimezoneStore {
  const listeners = new Set<() => void>()
  let current = fallback
  try {
    const stored = storage?.getItem(TIMEZONE_KEY)
    if (stored && isTimezone(stored)) current = stored
  } catch {
    // Storage unavailable: the browser's timezone.
  }
  return {
    get: () => current,
    set: (name) => {
      if (!isTimezone(name) || name === current) return
      current = name
      try {
        storage?.setItem(TIMEZONE_KEY, name)
      } catch {
        // Kept for this page load.
      }
      for (const l of listeners) l()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** timezoneStore is the dashboard's one timezone preference. */
export const timezoneStore = createTimezoneStore(browserStorage())

/** useTimezone returns the viewer's timezone and re-renders when it changes. */
export function useTimezone(): string {
  return useSyncExternalStore(timezoneStore.subscribe, timezoneStore.get)
}

/** useLocale returns the locale numbers and dates are written in: the browser's first language. */
export function useLocale(): string {
  return typeof navigator === 'undefined' ? 'en-US' : (navigator.languages[0] ?? navigator.language)
}
