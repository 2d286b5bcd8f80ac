// `npm start` (and any `thrive` command run through it): the compiled service,
// dist/thrive.js, built first when it is missing or older than the code (after
// a pull or an edit), so the README's `npm install && npm start` always runs
// the code as it is. Where it cannot be built (esbuild is a development
// dependency), the service runs from its TypeScript source, as the tests do.
import module from 'node:module'
import { pathToFileURL } from 'node:url'
import { bundleIsFresh, bundlePath, buildBundle } from './bundle.js'

// V8's compiled code kept between starts (in the system's temporary directory), so a restart
// compiles little of what it ran last time.
module.enableCompileCache?.()

const compiled = bundleIsFresh() || (await build())
if (compiled) {
  await import(pathToFileURL(bundlePath).href)
} else {
  await import('./typescript.js')
  await import('../src/cli/main.ts')
}

/** A bundle that cannot be built (a read-only install, a syntax error the source run will report better) is no reason not to start. */
async function build() {
  try {
    return await buildBundle({ onBuild: () => console.log('Building the service…') })
  } catch (error) {
    console.error(`Could not build dist/ (${error instanceof Error ? error.message.split('\n')[0] : error}): running the source instead`)
    return false
  }
}
