import { writeFile } from 'node:fs/promises'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { openApiDocument } from '../src/http/openapi-document.js'

/** Where the console's API types live: generated from the document, committed, checked by a test. */
export const API_TYPES = new URL('./src/api/schema.ts', import.meta.url)

/** The TypeScript types of every route, request and answer, as openapi-fetch reads them. */
export async function apiTypes(): Promise<string> {
  const ast = await openapiTS((await openApiDocument()) as OpenAPI3, { alphabetize: true })
  return `/* Generated from the API's OpenAPI document by \`npm run console:api\`; do not edit. */\n\n${astToString(ast)}`
}

if (process.argv[1] && new URL(process.argv[1], 'file://').href === import.meta.url) {
  await writeFile(API_TYPES, await apiTypes())
}
