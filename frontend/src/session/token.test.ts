import { describe, expect, it } from 'vitest'
import { TOKEN_KEY, createTokenStore, type KeyValueStorage } from './token'

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value)
    },
    removeItem: (key) => {
      data.delete(key)
    },
  }
}

function brokenStorage(): KeyValueStorage {
  const fail = () => {
    throw new DOMException('denied', 'SecurityError')
  }
  return { getItem: fail, setItem: fail, removeItem: fail }
}

describe('createTokenStore', () => {
  it('persists the token under its key and clears it', () => {
    const storage = memoryStorage()
    const store = createTokenStore(storage)
    expect(store.get()).toBeNull()

    store.set('jwt-1')
    expect(storage.data.get(TOKEN_KEY)).toBe('jwt-1')
    expect(createTokenStore(storage).get()).toBe('jwt-1') // survives a reload

    store.clear()
    expect(storage.data.has(TOKEN_KEY)).toBe(false)
    expect(store.get()).toBeNull()
  })

  it('treats a blank stored value as no token', () => {
    const storage = memoryStorage()
    storage.data.set(TOKEN_KEY, '  ')
    expect(createTokenStore(storage).get()).toBeNull()
  })

  it('sees a sign-out from another tab', () => {
    const storage = memoryStorage()
    const store = createTokenStore(storage)
    store.set('jwt-1')
    storage.data.delete(TOKEN_KEY)
    expect(store.get()).toBeNull()
  })

  it('keeps the token in memory when storage throws', () => {
    const store = createTokenStore(brokenStorage())
    expect(store.get()).toBeNull()
    store.set('jwt-2')
    expect(store.get()).toBe('jwt-2')
    store.clear()
    expect(store.get()).toBeNull()
  })

  it('keeps the token in memory without storage', () => {
    const store = createTokenStore(undefined)
    store.set('jwt-3')
    expect(store.get()).toBe('jwt-3')
  })
})
