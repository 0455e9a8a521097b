import { useDeferredValue } from 'react'

/**
 * useDeferredMount is false on a component's first render and true on the render React does
 * right after it at transition priority. The first load of a page is one synchronous commit (the
 * router and React Query publish their state through useSyncExternalStore, which React always
 * renders at once): whatever a component leaves out while this is false is built in that second
 * render instead, which React slices into tasks of a few milliseconds and interrupts for input —
 * a phone's Total Blocking Time. Leave out only what the first paint can do without, and keep its
 * place the same size so nothing moves when it arrives.
 */
export function useDeferredMount(): boolean {
  return useDeferredValue(true, false)
}
