import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

const shared: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false }

// RFC 3339 allows a leap second (23:59:60) that JavaScript dates cannot hold; an instant we
// accept must be one we can compute with, so the format also asks Date.parse.
const rfc3339 = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i

/**
 * The validator compiler, given the shared schemas the app adds with `app.addSchema`, so that a
 * route's `$ref` to a shared shape (Money, Reservation…) is checked against the full schema.
 */
export function validatorCompiler(sharedSchemas: readonly object[]): FastifySchemaCompiler<object> {
  const ajv = (options: Options) => {
    const instance = addFormats.default(new Ajv({ ...shared, ...options }))
    instance.addFormat('date-time', { type: 'string', validate: (s: string) => rfc3339.test(s) && !Number.isNaN(Date.parse(s)) && validDate(s.slice(0, 10)) })
    for (const schema of sharedSchemas) instance.addSchema(schema)
    return instance
  }
  // Query strings, params and headers arrive as text and are coerced to the declared types.
  // Bodies are JSON and must already have the right types: "5" is not a party size.
  const coercing = ajv({ coerceTypes: 'array' })
  const exact = ajv({ coerceTypes: false })
  return ({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema)
}

function validDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date
}
