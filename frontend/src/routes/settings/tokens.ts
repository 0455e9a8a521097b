/** TokenState is what an API token can do now. */
export type TokenState = 'active' | 'expired' | 'revoked'

/** tokenState tells an API token's state at now: revoked wins over expired. */
export function tokenState(t: { revokedAt: string | null; expiresAt: string | null }, now: Date = new Date()): TokenState {
  if (t.revokedAt) return 'revoked'
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now.getTime()) return 'expired'
  return 'active'
}

/** TOKEN_STATE_NAMES name a TokenState. */
export const TOKEN_STATE_NAMES: Record<TokenState, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' }

/** curlExample is a shell command that asks the API who the token belongs to. */
export function curlExample(origin: string, token = 'cpn_…'): string {
  return [
    `curl -s ${origin}/graphql \\`,
    `  -H 'Authorization: Bearer ${token}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"query":"{ me { email role } }"}'`,
  ].join('\n')
}

/** maskSecret hides all of a secret but its last four characters. */
export function maskSecret(secret: string): string {
  if (secret.length <= 4) return '•'.repeat(secret.length)
  return '•'.repeat(Math.min(secret.length - 4, 12)) + secret.slice(-4)
}
