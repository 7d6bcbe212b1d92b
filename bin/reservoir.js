#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so no build step stands between
// `npm install` and a running server.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
