// Ids for the values an import adds, in the order it adds them. A random id
// (the column's default) sends each of a million new values to a different
// page of the primary key's index, every page written again and again; these
// ids rise, so the index grows at its end, a page filled at a time. They are
// UUIDs of version 7 (RFC 9562): the time, random bits, then a counter, and
// never the same as the default's version 4 ones.

/** Hex digits of the counter at the end of each id: room for a trillion values an import. */
export const counterDigits = 10

/**
 * The first 22 hex digits of an import's ids: the millisecond it writes in,
 * the version, 34 random bits (two imports in the same millisecond differ in
 * them) and the variant. The database appends the counter.
 */
export function valueIdPrefix(now: number, random: Uint8Array): string {
  if (random.length < 5) throw new Error('valueIdPrefix needs five random bytes')
  const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0')
  const time = hex(Math.floor(now) % 2 ** 48, 12)
  const randA = hex(((random[0]! << 4) | (random[1]! >> 4)) & 0xfff, 3)
  const variant = hex(0x8 | (random[1]! & 0x3), 1)
  const randB = hex(((random[2]! << 12) | (random[3]! << 4) | (random[4]! >> 4)) & 0xfffff, 5)
  return `${time}7${randA}${variant}${randB}`
}

/** The id a prefix and counter make, as the database writes it (for tests and reading). */
export function valueId(prefix: string, counter: number): string {
  const hex = prefix + counter.toString(16).padStart(counterDigits, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
