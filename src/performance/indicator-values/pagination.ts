// The values list's pages as govukPagination draws them: the first, the last,
// and the current page with its neighbours, with gaps shown as an ellipsis.

export function pageNumbers(current: number, pages: number): (number | null)[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1]! > 1 ? [null, n] : [n]))
}

export function pagination(path: string, area: string | undefined, page: number, pages: number) {
  if (pages <= 1) return null
  const href = (n: number) => {
    const params = new URLSearchParams()
    if (area) params.set('area', area)
    if (n > 1) params.set('page', String(n))
    const query = params.toString()
    return query ? `${path}?${query}` : path
  }
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: pageNumbers(page, pages).map((n) => (n == null ? { ellipsis: true } : { number: n, href: href(n), current: n === page })),
    landmarkLabel: 'Pages of values',
  }
}
