/**
 * tokenExpiry returns when a JWT expires (its `exp` claim), or null when the token carries no
 * readable expiry. The signature is the server's business; this only schedules the sign-out.
 */
export function tokenExpiry(token: string): Date | null {
  const payload = token.split('.')[1]
  if (!payload) return null
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const json: unknown = JSON.parse(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')))
    if (typeof json !== 'object' || json === null || !('exp' in json)) return null
    const exp = json.exp
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : null
  } catch {
    return null
  }
}

/** isExpired reports whether token has expired at now (a token without expiry is left to the server). */
export function isExpired(token: string, now: Date = new Date()): boolean {
  const exp = tokenExpiry(token)
  return exp !== null && exp.getTime() <= now.getTime()
}
