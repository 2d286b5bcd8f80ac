import type { FastifyInstance } from 'fastify'
import type { Db } from '../../platform/db/database.ts'
import type { Config } from '../../config.ts'
import { renderPage } from '../../platform/http/render.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { sectorLabels } from '../../directory/organisations/index.ts'
import { adoptedFramework } from '../../strategy/framework/index.ts'
import { publicOrganisations, publishedPartnership } from './repository.ts'

/** Pages about the service itself, the public partnership pages, and the machine-readable version. */
export function siteRoutes(app: FastifyInstance, db: Db, config: Config): void {
  for (const [path, title] of [
    ['accessibility', 'Accessibility statement'],
    ['cookies', 'Cookies'],
    ['privacy', 'Privacy notice'],
  ] as const) {
    app.get(`/${path}`, (request, reply) => renderPage(request, reply, `site/views/${path}.njk`, { title }))
  }

  // GET /health is the platform's (platform/http/health.ts), registered before any page.

  app.get('/info', async () => ({ name: 'thrive', version: config.version, commit: config.commit ?? 'unknown' }))

  // What a partnership has chosen to publish, for anyone.
  app.get('/p/:slug', async (request, reply) => {
    const { slug } = request.params as { slug: string }
    const partnership = await publishedPartnership(db, slug)
    if (!partnership) throw new NotFoundError('The partnership')
    const { organisations, framework } = await inPartnership(db, partnership.id, async (trx) => ({
      organisations: await publicOrganisations(trx, partnership.id),
      // Only the adopted version: a draft is the partnership's work in progress, not what it has agreed.
      framework: await adoptedFramework(trx, partnership.id),
    }))
    return renderPage(request, reply, 'site/views/partnership.njk', { title: partnership.name, partnership, organisations, framework, sectorLabels })
  })
}
