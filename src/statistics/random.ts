/**
 * A reproducible uniform generator on (0, 1) (mulberry32). The SII's
 * confidence limits come from simulation; a fixed seed makes a published
 * figure re-computable and a test deterministic.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    // Add half a step so 0 never comes out: the normal sampler takes its logarithm.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296
  }
}

/** Standard normal draws from a uniform generator (Box–Muller; the second draw of each pair is kept for the next call). */
export function normalSampler(uniform: () => number): () => number {
  let spare: number | null = null
  return () => {
    if (spare != null) {
      const draw = spare
      spare = null
      return draw
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()))
    const angle = 2 * Math.PI * uniform()
    spare = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }
}
