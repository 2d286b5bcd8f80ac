import type { FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../auth/model.ts'
import { noteRenderedParts } from './page-cache.ts'

interface NavItem {
  href: string
  text: string
  /** Other sections of the service that belong under this item. */
  also?: string[]
  active?: boolean
}

function navigationFor(request: FastifyRequest): NavItem[] {
  const session = request.session
  const path = request.url.split('?')[0] ?? '/'
  const items: NavItem[] = [{ href: '/', text: 'Home' }]
  if (session?.partnership) {
    items.push(
      { href: '/my-work', text: 'My work' },
      { href: '/bodies', text: 'Governance', also: ['/structure', '/governance'] },
      { href: '/meetings', text: 'Meetings', also: ['/actions', '/forward-plan'] },
      { href: '/framework', text: 'Strategy', also: ['/outcomes', '/external-frameworks', '/alignment', '/golden-thread'] },
      { href: '/plans', text: 'Plans', also: ['/strategies', '/objectives', '/workstreams'] },
      {
        href: '/indicators',
        text: 'Performance',
        also: ['/comparator-groups', '/indicator-values', '/scorecard', '/targets', '/data-requests', '/localities'],
      },
      { href: '/organisations', text: 'Organisations' },
      { href: '/people', text: 'People' },
    )
    if (can(session.partnership.role, 'users.manage')) items.push({ href: '/admin/users', text: 'Users' })
    if (can(session.partnership.role, 'audit.read')) items.push({ href: '/admin/audit', text: 'Audit trail' })
    if (can(session.partnership.role, 'users.manage')) items.push({ href: '/admin/partnership', text: 'Settings' })
  } else if (!session) {
    items.push({ href: '/sign-in', text: 'Sign in' })
  }
  const under = (section: string) => path === section || path.startsWith(`${section}/`)
  return items.map(({ also = [], ...item }) => ({
    ...item,
    active: item.href === '/' ? path === '/' : [item.href, ...also].some(under),
  }))
}

/** Renders a page with what every page needs: who is signed in, the menu, the CSRF token and the CSP nonce. */
export function renderPage(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown> = {}) {
  const session = request.session
  const csrfToken = reply.generateCsrf()
  const cspNonce = reply.cspNonce?.script
  noteRenderedParts(reply, { csrfToken, nonce: cspNonce })
  return reply.view(template, {
    serviceName: session?.partnership?.name ?? 'Thrive',
    navigation: navigationFor(request),
    user: session?.user ?? null,
    actor: session?.partnership ?? null,
    hasSeveralPartnerships: (session?.membershipCount ?? 0) > 1,
    csrfToken,
    cspNonce,
    currentPath: request.url,
    flash: request.flash,
    ...data,
  })
}
