import { assertTopic } from './assertEnvelopes.js'
import { throwIfAborted } from './backoff.js'
import type { Cursor, Envelope, QueryPage, QueryParameters, SortDirection } from './types.js'

/** Envelopes per request when `pageSize` is not given (the node's own default). */
export const DEFAULT_PAGE_SIZE = 100

/** Most queries one batch-query request may carry (xmtp-node-go refuses more). */
export const MAX_BATCH_QUERIES = 50

/** One request for one page, with defaults applied: what a transport puts on the wire. */
export interface PageRequest {
  contentTopic: string
  startTimeNs: bigint | undefined
  endTimeNs: bigint | undefined
  direction: SortDirection
  pageSize: number
  cursor: Cursor | undefined
}

const UINT64_MAX = (1n << 64n) - 1n

function assertTime(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX)) {
    throw new TypeError(`${name} must be a uint64 bigint.`)
  }
}

/**
 * Validates query parameters and applies the defaults (ascending, 100 per page, no limit).
 *
 * @throws {TypeError} naming the bad parameter.
 * @throws {PayloadTooLargeError} for a topic longer than 300 bytes.
 */
export function toPageRequest(query: QueryParameters): { request: PageRequest; limit: number } {
  assertTopic(query.contentTopic)
  assertTime(query.startTimeNs, 'startTimeNs')
  assertTime(query.endTimeNs, 'endTimeNs')
  const { direction = 'ascending', pageSize = DEFAULT_PAGE_SIZE, limit = Infinity, cursor } = query
  if (direction !== 'ascending' && direction !== 'descending') {
    throw new TypeError("direction must be 'ascending' or 'descending'.")
  }
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new TypeError('pageSize must be a positive integer.')
  if (limit !== Infinity && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new TypeError('limit must be a non-negative integer.')
  }
  if (cursor !== undefined && (!(cursor.digest instanceof Uint8Array) || typeof cursor.senderTimeNs !== 'bigint')) {
    throw new TypeError('cursor must be { digest: Uint8Array, senderTimeNs: bigint }.')
  }
  return {
    request: {
      contentTopic: query.contentTopic,
      startTimeNs: query.startTimeNs,
      endTimeNs: query.endTimeNs,
      direction,
      pageSize: Math.min(pageSize, limit),
      cursor,
    },
    limit,
  }
}

/**
 * Follows cursors page after page until a page is empty or has no cursor, or `limit` envelopes came back.
 * Empty pages are not yielded. Each request asks for at most what `limit` still allows.
 *
 * @throws {AbortError} once `query.signal` aborts; whatever `fetchPage` throws.
 */
export async function* paginate(
  query: QueryParameters,
  fetchPage: (request: PageRequest, signal: AbortSignal | undefined) => Promise<QueryPage>,
): AsyncGenerator<QueryPage, void, undefined> {
  const { request, limit } = toPageRequest(query)
  let remaining = limit
  let cursor = request.cursor
  while (remaining > 0) {
    throwIfAborted(query.signal)
    const page = await fetchPage({ ...request, pageSize: Math.min(request.pageSize, remaining), cursor }, query.signal)
    throwIfAborted(query.signal)
    if (page.envelopes.length === 0) return
    remaining -= page.envelopes.length
    yield page
    if (!page.cursor) return
    cursor = page.cursor
  }
}

/**
 * The first page of each query, in input order: requests go in chunks of {@link MAX_BATCH_QUERIES}, all
 * chunks in parallel (as xmtp-js does). A query with `limit: 0` gets `[]` without being sent.
 *
 * @throws {AbortError} once `signal` aborts; whatever `fetchChunk` throws (one failed chunk fails the call).
 */
export async function batchInChunks(
  queries: readonly QueryParameters[],
  signal: AbortSignal | undefined,
  fetchChunk: (requests: PageRequest[], signal: AbortSignal | undefined) => Promise<Envelope[][]>,
): Promise<Envelope[][]> {
  if (!Array.isArray(queries)) throw new TypeError('queries must be an array.')
  throwIfAborted(signal)
  const results: Envelope[][] = queries.map(() => [])
  const sent: { index: number; request: PageRequest }[] = []
  queries.forEach((query, index) => {
    const { request } = toPageRequest(query)
    if (request.pageSize > 0) sent.push({ index, request })
  })
  const chunks: (typeof sent)[] = []
  for (let i = 0; i < sent.length; i += MAX_BATCH_QUERIES) chunks.push(sent.slice(i, i + MAX_BATCH_QUERIES))
  await Promise.all(
    chunks.map(async (chunk) => {
      const responses = await fetchChunk(
        chunk.map((item) => item.request),
        signal,
      )
      chunk.forEach((item, i) => {
        results[item.index] = responses[i] ?? []
      })
    }),
  )
  throwIfAborted(signal)
  return results
}
