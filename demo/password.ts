import { randomBytes } from 'node:crypto'

// No 0/o, 1/l/i: the password is read off a terminal and typed in by hand.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
const groups = 4
const groupLength = 5

/** A fresh random password like ‘k7pm2-xq9rt-4hvce-w3n8b’: about 99 bits, easy to read and type. */
export function readablePassword(): string {
  const chars: string[] = []
  // Bytes at or above the largest multiple of the alphabet's size are skipped, so every character is equally likely.
  const limit = 256 - (256 % alphabet.length)
  while (chars.length < groups * groupLength) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && chars.length < groups * groupLength) chars.push(alphabet[byte % alphabet.length]!)
    }
  }
  const parts: string[] = []
  for (let i = 0; i < groups; i++) parts.push(chars.slice(i * groupLength, (i + 1) * groupLength).join(''))
  return parts.join('-')
}
