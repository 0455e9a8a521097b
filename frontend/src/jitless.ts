import { config } from 'zod'

// The dashboard's Content-Security-Policy allows no eval. zod compiles object schemas with
// new Function unless told not to, and probes for it when the first z.object() is built, which
// browsers report as a CSP violation. main.tsx imports this module first, so that it runs before
// any module builds a schema.
config({ jitless: true })
