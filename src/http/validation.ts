import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

const shared: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false }

// Query strings, params and headers arrive as text and are coerced to the declared types.
// Bodies are JSON and must already have the right types: "5" is not a party size.
const coercing = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }))
const exact = addFormats.default(new Ajv({ ...shared, coerceTypes: false }))

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? exact : coercing).compile(schema)
