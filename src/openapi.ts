import { writeFile } from 'node:fs/promises'
import { openApiDocument } from './http/openapi-document.js'

/** Writes the OpenAPI document the app serves to a file (or stdout), so that CI can lint exactly what clients get. */
async function main(out: string | undefined): Promise<void> {
  const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`
  if (out) await writeFile(out, text)
  else process.stdout.write(text)
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
