import { describe, expect, it, vi } from 'vitest'
import { TIMEZONE_KEY, createTimezoneStore, isTimezone, timezones } from './timezone'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
}

describe('timezone preference', () => {
  it('defaults to the browser timezone and keeps a choice across reloads', () => {
    const storage = memoryStorage()
    const store = createTimezoneStore(storage, 'Europe/Berlin')
    expect(store.get()).toBe('Europe/Berlin')
    const listener = vi.fn()
    store.subscribe(listener)
    store.set('Asia/Tokyo')
    expect(listener).toHaveBeenCalledTimes(1)
    expect(storage.data.get(TIMEZONE_KEY)).toBe('Asia/Tokyo')
    expect(createTimezoneStore(storage, 'UTC').get()).toBe('Asia/Tokyo')
  })

  it('ignores unknown timezones, stored or chosen', () => {
    const storage = memoryStorage({ [TIMEZONE_KEY]: 'Mars/Olympus' })
    const store = createTimezoneStore(storage, 'UTC')
    expect(store.get()).toBe('UTC')
    store.set('Nowhere/Else')
    expect(store.get()).toBe('UTC')
    expect(isTimezone('America/New_York')).toBe(true)
  })

  it('lists UTC first', () => {
    const list = timezones()
    expect(list[0]).toBe('UTC')
    expect(list).toContain('Europe/Berlin')
  })
})
