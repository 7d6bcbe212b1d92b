import { hash, verify, type Algorithm } from '@node-rs/argon2'

// OWASP's argon2id floor: 19 MiB, two passes, one lane. `Algorithm` is a const enum the
// package does not emit at run time, hence the literal.
const ARGON2ID = 2 as Algorithm
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, options)

// Verified against when the email is unknown, so a miss costs as long as a wrong password.
let decoy: Promise<string> | undefined

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword('reservoir-decoy-password')
    await verify(await decoy, password)
    return false
  }
  return verify(stored, password)
}
