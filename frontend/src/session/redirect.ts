/**
 * Where to go after signing in. Only paths on this site are followed: an absolute URL, a
 * protocol-relative "//host" or a backslash trick would turn the login page into an open redirect.
 */

/** safeRedirect returns target when it is a path on this site other than the login page, else "/". */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return '/'
  if (target.startsWith('//') || target.includes('\\')) return '/'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(target)) return '/'
  let url: URL
  try {
    url = new URL(target, 'https://cpanet.invalid')
  } catch {
    return '/'
  }
  if (url.origin !== 'https://cpanet.invalid') return '/'
  if (url.pathname === '/login') return '/'
  return url.pathname + url.search + url.hash
}

/** loginSearch returns the search of the login page that brings the viewer back to href. */
export function loginSearch(href: string): { redirect?: string } {
  const target = safeRedirect(href)
  return target === '/' ? {} : { redirect: target }
}
