// GraphQL-over-HTTP conformance audit of a running server (https://graphql.github.io/graphql-over-http/).
//
//   GRAPHQL_URL=http://127.0.0.1:18080/graphql npm run audit
//
// Every MUST and SHOULD must pass: errors and warnings count as failures. MAY suggestions
// (notices) are printed but do not fail the audit.
import { auditServer } from 'graphql-http'

const url = process.env.GRAPHQL_URL
if (!url) {
  console.error('audit: set GRAPHQL_URL, e.g. GRAPHQL_URL=http://127.0.0.1:18080/graphql')
  process.exit(2)
}

const results = await auditServer({ url })

let passed = 0
let failed = 0
let notices = 0
for (const result of results) {
  if (result.status === 'ok') {
    passed++
    console.log(`ok     ${result.id} ${result.name}`)
    continue
  }
  if (result.status === 'notice') notices++
  else failed++
  console.log(`${result.status.toUpperCase().padEnd(6)} ${result.id} ${result.name}\n       ${result.reason}`)
  if (result.response) {
    const body = await result.response.text().catch(() => '')
    console.log(`       HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''} ${body.replace(/\s+/g, ' ').slice(0, 300)}`)
  }
}

if (notices > 0) console.log(`audit: ${notices} optional (MAY) suggestions not followed`)
console.log(`audit: ${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
