// Small pieces of R's arithmetic that PHEindicatormethods' results depend on.

/** R's round(): halves go to the even neighbour (IEC 60559), not up. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x)
  const diff = x - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}
