import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { API_TYPES, apiTypes } from '../../console/api-types.js'

describe('the console’s typed API client', () => {
  it('is generated from the document the server serves today (npm run console:api)', async () => {
    // A route changed without regenerating: the console would type-check against the old API.
    expect(await readFile(API_TYPES, 'utf8'), 'console/src/api/schema.ts is stale: run `npm run console:api`').toBe(await apiTypes())
  })
})
