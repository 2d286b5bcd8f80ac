import type { RouteEntry } from '../../../src/platform/http/route-list.ts'

/** A route pattern as a matcher for concrete addresses, and a way to fill its parameters. */
export class RoutePattern {
  readonly segments: string[]
  readonly params: string[]
  private readonly matcher: RegExp

  readonly route: RouteEntry

  constructor(route: RouteEntry) {
    this.route = route
    this.segments = route.url.split('/')
    this.params = this.segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1))
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    this.matcher = new RegExp(`^${this.segments.map((s) => (s.startsWith(':') ? '[^/]+' : escape(s))).join('/')}$`)
  }

  get key(): string {
    return `${this.route.method} ${this.route.url}`
  }

  matches(path: string): boolean {
    return this.matcher.test(path)
  }

  /** The address with each parameter filled: `values(name, index)` gives the text for one, already encoded. */
  fill(values: (name: string, index: number) => string): string {
    return this.segments.map((s, i) => (s.startsWith(':') ? values(s.slice(1), i) : s)).join('/')
  }
}

/** The pattern a concrete path belongs to: the one with fewest parameters, as the router prefers static segments. */
export function patternOf(patterns: RoutePattern[], method: string, path: string): RoutePattern | undefined {
  return patterns.filter((p) => p.route.method === method && p.matches(path)).sort((a, b) => a.params.length - b.params.length)[0]
}
