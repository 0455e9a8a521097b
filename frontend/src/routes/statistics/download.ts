import { GraphQLRequestError, requestHeaders } from '../../api/client'

/**
 * downloadCSV fetches url with the session cookie and the CSRF header (which a plain link cannot
 * send) and saves the answer as fileName through a Blob URL.
 */
export async function downloadCSV(url: string, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: requestHeaders(), credentials: 'same-origin' })
  if (!res.ok) {
    const code = res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : res.status >= 500 ? 'INTERNAL' : 'BAD_USER_INPUT'
    throw new GraphQLRequestError(`export: HTTP ${String(res.status)}`, code, res.status)
  }
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => {
    URL.revokeObjectURL(href)
  }, 10_000)
}
