// size measures the JavaScript a first visit loads: the entry chunk of dist/index.html and every
// chunk it imports statically (Vite lists them as <link rel="modulepreload">), gzipped at level 9.
// Route pages are lazy chunks and do not count. Fails above the budget (SPEC §8: 250 KB gzip).
//
//   npm run build && npm run size        (SIZE_BUDGET_KB overrides the budget)
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const budgetKB = Number(process.env.SIZE_BUDGET_KB ?? 250)

const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => {
  console.error('size: dist/index.html not found; run npm run build first')
  process.exit(2)
})

const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1])
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1])
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1])
if (scripts.length === 0) {
  console.error('size: no module script in dist/index.html')
  process.exit(2)
}

async function measure(path) {
  const bytes = await readFile(join(dist, path.replace(/^\//, '')))
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

const js = await Promise.all([...new Set([...scripts, ...preloads])].map(measure))
const css = await Promise.all(styles.map(measure))
const kb = (n) => (n / 1000).toFixed(1)
for (const f of [...js, ...css]) console.log(`  ${f.path.padEnd(48)} ${kb(f.raw).padStart(8)} kB  ${kb(f.gzip).padStart(7)} kB gzip`)
const total = js.reduce((sum, f) => sum + f.gzip, 0)
const cssTotal = css.reduce((sum, f) => sum + f.gzip, 0)
console.log(`size: initial JS ${kb(total)} kB gzip in ${js.length} file(s) (budget ${budgetKB} kB); CSS ${kb(cssTotal)} kB gzip`)
if (total > budgetKB * 1000) {
  console.error(`size: initial JS is over the budget by ${kb(total - budgetKB * 1000)} kB`)
  process.exit(1)
}
