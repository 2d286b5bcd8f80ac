import { createRequire } from 'node:module'
import { mkdirSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..', '..')
const source = join(root, 'src', 'views', 'styles', 'app.scss')
export const cssOutput = join(root, 'public', 'build', 'app.css')

/**
 * Compiles the stylesheet when it is missing or older than its source, so the
 * first start builds it and later starts pay nothing.
 */
export function buildCss({ force = false, onBuild }: { force?: boolean; onBuild?: () => void } = {}): void {
  if (!force && existsSync(cssOutput) && statSync(cssOutput).mtimeMs >= statSync(source).mtimeMs) return
  onBuild?.()
  // Sass takes a second to load, and only a start with a stale stylesheet needs it.
  const sass = createRequire(import.meta.url)('sass') as typeof import('sass')
  const result = sass.compile(source, {
    loadPaths: [join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  })
  mkdirSync(join(root, 'public', 'build'), { recursive: true })
  writeFileSync(cssOutput, result.css)
}

if (process.argv[1] && import.meta.filename === process.argv[1]) buildCss({ force: true })
