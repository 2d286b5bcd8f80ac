import { hash, verify, type Algorithm } from '@node-rs/argon2'

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane).
// Algorithm is a const enum only its declarations hold, which a file compiled on its own
// (isolatedModules, as tsx compiles) cannot read: 2 is its Argon2id.
const argon2id = 2 as Algorithm
const options = { algorithm: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const minimumPasswordLength = 12

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of nothing in particular: checked against when the email is unknown, so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | undefined
export function decoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nobody')
  return decoyHash
}

export function passwordProblem(password: string): string | null {
  if (password.length < minimumPasswordLength) return `Password must be ${minimumPasswordLength} characters or more`
  if (password.length > 200) return 'Password must be 200 characters or fewer'
  return null
}
