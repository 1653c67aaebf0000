import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The protocol's known-answer vectors (`test/fixtures/xmtp-v2-vectors.json`; its `$source` says where each comes from). */
export const vectors = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/xmtp-v2-vectors.json', import.meta.url)), 'utf8'))
