import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

// The service compiled by esbuild into dist/ (dist/thrive.js and its chunks),
// so that a start loads a handful of modules instead of some seven hundred,
// each found, read and stripped of its types (about a CPU-second of a restart
// here). Only our own code (src, demo, migrations) and the pure-JavaScript
// kysely and zod (350 files between them) are bundled; every other package
// stays in node_modules and loads as it does without the bundle. Paths our code
// works out from its own place (templates, data files, package.json) are
// rewritten to the place of its source, which the bundle does not move.

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const distDir = join(root, 'dist')
export const bundlePath = join(distDir, 'thrive.js')
const entry = 'src/cli/main.ts'
const bundled = new Set(['kysely', 'zod'])
const marker = '// thrive-build '

/**
 * Whether dist/thrive.js was built from the code as it is now: every file it
 * was built from still has the size and modification time it had then. Its
 * first line lists them, so the check is one small read and a stat a file.
 */
export function bundleIsFresh() {
  const manifest = readManifest()
  if (!manifest) return false
  try {
    return Object.entries(manifest.inputs).every(([path, [size, mtimeMs]]) => {
      const stats = statSync(join(root, path))
      return stats.size === size && stats.mtimeMs === mtimeMs
    })
  } catch {
    return false // a file it was built from has gone
  }
}

function readManifest() {
  let fd
  try {
    fd = openSync(bundlePath, 'r')
  } catch {
    return null
  }
  try {
    const head = Buffer.alloc(256 * 1024)
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8')
    const line = text.slice(0, text.indexOf('\n'))
    return line.startsWith(marker) ? JSON.parse(line.slice(marker.length)) : null
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/** Rewrites import.meta's place (dirname, filename, url) in one of our files to that file's source location. */
function keepSourcePlace(path, source) {
  const file = relative(root, path).split('\\').join('/')
  const places = {
    dirname: `__thriveRoot(${JSON.stringify(dirname(file))})`,
    filename: `__thriveRoot(${JSON.stringify(file)})`,
    url: `__thriveUrl(${JSON.stringify(file)})`,
  }
  return source.replace(/\bimport\.meta\.(dirname|filename|url)\b/g, (_whole, name) => places[name])
}

const banner = [
  "import { fileURLToPath as __thriveFileURLToPath } from 'node:url';",
  "const __thriveRootUrl = new URL('../', import.meta.url);",
  'const __thriveRoot = (path) => __thriveFileURLToPath(new URL(path, __thriveRootUrl));',
  'const __thriveUrl = (path) => new URL(path, __thriveRootUrl).href;',
].join('\n')

/**
 * Builds dist/ with esbuild (a development dependency: where it is not
 * installed, returns false and the service runs from its source). What the
 * service loads only when it needs it (the web app, the demo, /metrics) is a
 * chunk of its own, loaded then, as from the source. Chunks are named by their
 * content and never rewritten, and thrive.js is written aside and renamed into
 * place, so a process starting meanwhile runs the old build or the new one,
 * never half of each.
 */
export async function buildBundle({ onBuild = () => {} } = {}) {
  let esbuild
  try {
    esbuild = (await import('esbuild')).default
  } catch {
    return false
  }
  onBuild()
  const started = Date.now()
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { thrive: entry },
    outdir: distDir,
    // Chunks beside the entry, not in a folder of their own, so the banner's '../' is the root from every file.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    metafile: true,
    logLevel: 'error',
    banner: { js: banner },
    plugins: [
      {
        name: 'thrive',
        setup(build) {
          // Packages stay in node_modules, but for the two that are plain JavaScript in hundreds of files.
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]
            return bundled.has(name) || args.path.startsWith('node:') ? undefined : { path: args.path, external: true }
          })
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            if (args.path.includes('node_modules')) return undefined
            return { contents: keepSourcePlace(args.path, await readFile(args.path, 'utf8')), loader: 'ts' }
          })
        },
      },
    ],
  })
  // A file changed while it was being bundled is recorded as changed, so the next start builds again.
  // The packages bundled are checked by the lock file, not file by file.
  const inputs = {}
  const ours = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'))
  for (const path of [...ours, 'package.json', 'package-lock.json']) {
    const stats = statSync(join(root, path))
    inputs[path] = [stats.size, stats.mtimeMs < started ? stats.mtimeMs : -1]
  }
  mkdirSync(distDir, { recursive: true })
  const written = new Set()
  for (const file of result.outputFiles) {
    const name = basename(file.path)
    written.add(name)
    if (file.path === bundlePath) continue
    if (!existsSync(file.path)) writeAside(file.path, file.contents)
  }
  writeAside(bundlePath, `${marker}${JSON.stringify({ inputs })}\n${result.outputFiles.find((file) => file.path === bundlePath).text}`)
  removeOldChunks(written)
  return true
}

function writeAside(path, contents) {
  const partial = `${path}.${process.pid}`
  try {
    writeFileSync(partial, contents)
    renameSync(partial, path)
  } finally {
    rmSync(partial, { force: true })
  }
}

/** Chunks of earlier builds, once an hour old: a process started from one has long since loaded what it needs of it. */
function removeOldChunks(current) {
  const hourAgo = Date.now() - 3_600_000
  for (const name of readdirSync(distDir)) {
    const path = join(distDir, name)
    if (current.has(name) || !name.endsWith('.js')) continue
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { force: true })
    } catch {
      // Removed meanwhile by another build.
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await buildBundle()) ? `Built ${relative(root, bundlePath)}` : 'esbuild is not installed: the service runs from its source')
}
