import { createHash } from 'node:crypto'
import { and, eq, isNull, lt, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Executor } from '../db/client.js'
import type { Deps } from '../deps.js'
import { requireUser } from './auth-guard.js'
import { AppError } from './errors.js'
import { idempotencyKeys } from './idempotency-table.js'

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Answers `status` with what `work` returns, running it at most once per (signed-in caller,
     * Idempotency-Key): a retry gets the first answer again (see `idempotent`). `inOneCommit`,
     * when given, is tried first with the key to store (see `KeyToStore`).
     */
    idempotent(status: number, work: () => Promise<unknown>, inOneCommit?: OneCommitWork): Promise<FastifyReply>
  }
}

/**
 * Every POST that creates or moves money or inventory honours Idempotency-Key the same way;
 * a route says `reply.idempotent(201, () => …)` and nothing else about it.
 */
export const idempotency = fp(
  async (app, deps: Deps) => {
    app.decorateReply('idempotent', async function (this: FastifyReply, status: number, work: () => Promise<unknown>, inOneCommit?: OneCommitWork) {
      const req = this.request
      const outcome = await idempotent(deps, req, `user:${requireUser(req).userId}`, status, work, inOneCommit)
      return sendOutcome(this, outcome)
    })
  },
  { name: 'idempotency', dependencies: ['auth-guard'] },
)

const KEEP_MS = 24 * 3600_000
// A first request that has not finished in this long died with its process; a retry may take over.
const ABANDONED_MS = 60_000
const WAIT_MS = 2_000
const POLL_MS = 25

/** The `purge-idempotency-keys` job: forgets keys older than they are kept. Answers how many. */
export async function purgeIdempotencyKeys(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock().getTime() - KEEP_MS)
  const gone = await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).returning({ key: idempotencyKeys.key })
  return gone.length
}

export interface Outcome {
  status: number
  body: unknown
}

/**
 * A new key with its answer, for a write that stores both in its own commit (`keyStoredIf` in
 * one statement, `storeKeyWith` in a transaction) instead of claiming the key first and storing
 * the answer after: one commit instead of three, and the key never outlives its write.
 */
export interface KeyToStore {
  scope: string
  key: string
  requestHash: string
  createdAt: Date
  responseStatus: number
}

/**
 * Tries a request's whole write, its key included, in one commit. It answers the body it
 * stored under the key, or undefined having written nothing (the key was already there, or the
 * write cannot be done that way): the request then takes the usual path. It throws only having
 * written nothing, and a refusal (a 4xx AppError) only when the usual path would answer the same
 * at that moment: that refusal is then stored under the key, if the key is still free.
 */
export type OneCommitWork = (key: KeyToStore) => Promise<unknown>

/** The placeholders of `keyStoredIf`; `keyValues` fills them. */
export type KeyPlaceholders = Record<'keyScope' | 'key' | 'keyHash' | 'keyCreatedAt' | 'keyStatus' | 'keyBody', SQL | Placeholder>

/**
 * A data-modifying CTE body for a statement whose text is fixed once: stores the key with its
 * answer for each row of `source` (one at most), unless the key is already taken. It returns a
 * row only when it stored the key, so the statement's other writes can be gated on it.
 */
export const keyStoredIf = (p: KeyPlaceholders, source: SQL) =>
  sql`insert into ${idempotencyKeys} (scope, key, request_hash, created_at, response_status, response_body)
    select ${p.keyScope}::text, ${p.key}::text, ${p.keyHash}::text, ${p.keyCreatedAt}::timestamptz, ${p.keyStatus}::int, ${p.keyBody}::jsonb
    from ${source}
    on conflict do nothing
    returning 1`

/**
 * Stores the key with its answer inside a write's transaction, as its last statement: true if
 * stored, false if the key is taken (the caller then rolls back). A concurrent request with the
 * same key waits here for this transaction, then finds the key taken.
 */
export async function storeKeyWith(ex: Executor, key: KeyToStore, body: unknown): Promise<boolean> {
  const [stored] = await ex
    .insert(idempotencyKeys)
    .values({ scope: key.scope, key: key.key, requestHash: key.requestHash, createdAt: key.createdAt, responseStatus: key.responseStatus, responseBody: body })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
  return stored !== undefined
}

/** The values of `keyStoredIf`'s placeholders. */
export const keyValues = (key: KeyToStore, body: unknown): Record<keyof KeyPlaceholders, string | number> => ({
  keyScope: key.scope,
  key: key.key,
  keyHash: key.requestHash,
  keyCreatedAt: key.createdAt.toISOString(),
  keyStatus: key.responseStatus,
  keyBody: JSON.stringify(body),
})

/**
 * Runs `work` at most once per (caller, Idempotency-Key). The same key and body replays the
 * stored answer (errors included); another body is a 422; a retry while the first is still
 * running waits briefly for it, then answers 409.
 */
async function idempotent(
  deps: Deps,
  req: FastifyRequest,
  scope: string,
  status: number,
  answer: () => Promise<unknown>,
  inOneCommit?: OneCommitWork,
): Promise<Outcome & { replayed: boolean }> {
  const work = async (): Promise<Outcome> => ({ status, body: await answer() })
  const header = req.headers['idempotency-key']
  if (header === undefined) return { ...(await work()), replayed: false }
  const key = Array.isArray(header) ? header[0]! : header
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', { field: 'Idempotency-Key' })
  }
  const hash = fingerprint(req)
  const db = deps.db
  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key))
  const deadline = Date.now() + WAIT_MS

  if (inOneCommit) {
    const store: KeyToStore = { scope, key, requestHash: hash, createdAt: deps.clock(), responseStatus: status }
    try {
      const body = await inOneCommit(store)
      if (body !== undefined) return { status, body, replayed: false }
    } catch (error) {
      // Nothing was written, not even the key. A refusal is the answer if the key is still free
      // to store it under; anything else is decided again below.
      if (error instanceof AppError && error.status < 500 && (await storeKeyWith(db, { ...store, responseStatus: error.status }, refusalBody(error))))
        throw error
    }
  }

  for (;;) {
    const now = deps.clock()
    const [claimed] = await db.insert(idempotencyKeys).values({ scope, key, requestHash: hash, createdAt: now }).onConflictDoNothing().returning()
    if (claimed) return { ...(await runAndStore(deps, and(where, eq(idempotencyKeys.createdAt, now)), work)), replayed: false }

    const [row] = await db.select().from(idempotencyKeys).where(where)
    if (!row) continue
    if (row.createdAt.getTime() < now.getTime() - KEEP_MS) {
      await db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.createdAt, row.createdAt)))
      continue
    }
    if (row.requestHash !== hash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request', { key })
    }
    if (row.responseStatus !== null) return { status: row.responseStatus, body: row.responseBody, replayed: true }
    if (row.createdAt.getTime() < now.getTime() - ABANDONED_MS) {
      // Take over an abandoned key by moving its clock; only one retry can win that update.
      const [taken] = await db
        .update(idempotencyKeys)
        .set({ createdAt: now })
        .where(and(where, isNull(idempotencyKeys.responseStatus), lt(idempotencyKeys.createdAt, new Date(now.getTime() - ABANDONED_MS))))
        .returning()
      if (taken) return { ...(await runAndStore(deps, and(where, eq(idempotencyKeys.createdAt, now)), work)), replayed: false }
    }
    if (Date.now() >= deadline) throw new AppError('idempotency_in_flight', 'A request with this Idempotency-Key is still being processed', { key })
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

/**
 * `mine` matches the key row only while this request owns it (its claim time), so a request
 * that was taken over cannot overwrite or free what the new owner stores.
 */
async function runAndStore(deps: Deps, mine: ReturnType<typeof and>, work: () => Promise<Outcome>): Promise<Outcome> {
  let outcome: Outcome
  try {
    outcome = await work()
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      // A refusal is an answer too: the same request gets the same refusal.
      await deps.db
        .update(idempotencyKeys)
        .set({ responseStatus: error.status, responseBody: refusalBody(error) })
        .where(mine)
    } else {
      // Nothing was decided: free the key so the client can retry.
      await deps.db.delete(idempotencyKeys).where(mine)
    }
    throw error
  }
  await deps.db.update(idempotencyKeys).set({ responseStatus: outcome.status, responseBody: outcome.body }).where(mine)
  return outcome
}

/** A refusal as it is stored, and replayed: the error shape of the error handler. */
const refusalBody = (error: AppError) => ({ error: error.message, code: error.code, detail: error.detail ?? null })

/** The request's identity: method, path and a canonical form of the body. */
function fingerprint(req: FastifyRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.url.split('?')[0]}\n${canonical(req.body)}`)
    .digest('hex')
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Sends what `idempotent` answered, marking a replay; a replay keeps its stored status. */
function sendOutcome(reply: FastifyReply, outcome: Outcome & { replayed: boolean }) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true')
  return reply.code(outcome.status).send(outcome.body)
}
