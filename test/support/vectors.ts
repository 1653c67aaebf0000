import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The protocol's known-answer vectors (`shared/protocol/xmtp-v2-vectors.json`, generated with xmtp-js 13.0.4 internals). */
export const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../shared/protocol/xmtp-v2-vectors.json', import.meta.url)), 'utf8'),
)
