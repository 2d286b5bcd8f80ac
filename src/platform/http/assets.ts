import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..', '..')
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
const scripts = new Set(['/govuk-frontend.min.js', '/init.js'])

/** govuk-frontend's fonts, images and script; our compiled stylesheet and enhancement script. */
export async function setUpAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: [join(govuk, 'assets'), govuk, join(root, 'public', 'js')],
    prefix: '/assets/',
    maxAge: '1d',
    // Only the published assets and the two scripts, not the package's sources.
    allowedPath: (path) => scripts.has(path) || /^\/(images|fonts|rebrand)\//.test(path) || path === '/manifest.json',
  })
  await app.register(fastifyStatic, { root: join(root, 'public', 'build'), prefix: '/build/', decorateReply: false })
}
