import { describe, expect, it } from 'vitest'
import { TOKEN_KEY, forgetStoredToken, type KeyValueStorage } from './token'

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

describe('forgetStoredToken', () => {
  it('removes the JWT an earlier version kept, and nothing else', () => {
    const storage = memoryStorage()
    storage.setItem(TOKEN_KEY, 'ey.old.jwt')
    storage.setItem('cpanet.timezone', 'Asia/Tokyo')
    forgetStoredToken(storage)
    expect(storage.data.has(TOKEN_KEY)).toBe(false)
    expect(storage.getItem('cpanet.timezone')).toBe('Asia/Tokyo')
  })

  it('does nothing without storage or when it throws', () => {
    const fail = () => {
      throw new DOMException('denied', 'SecurityError')
    }
    expect(() => {
      forgetStoredToken(undefined)
      forgetStoredToken({ getItem: fail, setItem: fail, removeItem: fail })
    }).not.toThrow()
  })
})
