#!/usr/bin/env node
// `npx thrive`: the TypeScript CLI, run as it is (see scripts/typescript.js).
await import('../scripts/typescript.js')
await import('../src/cli/main.ts')
