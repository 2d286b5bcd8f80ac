/**
 * Which direction is good for an indicator. Fingertips' "High is good",
 * "Low is good" and "No judgement" (shown in blue, not red/green).
 */
export type Polarity = 'high-is-good' | 'low-is-good' | 'no-judgement'
