import { invalidArgument } from './errors.js'
import type { QueryRequest, QueryResponse } from './json.js'
import type { EnvelopeStore } from './store.js'
import { isUserPreferencesTopic, MAX_TOPIC_BYTES } from './topic.js'

/** Rows a query returns when it asks for none (`limit: 0`), and the most it may ask for. */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 100
/** A query on exactly one `userpreferences-` topic may ask for up to 500 rows. */
export const MAX_USER_PREFERENCES_PAGE_SIZE = 500
/** Most queries in one batch-query request. */
export const MAX_BATCH_QUERIES = 50

export function assertTopic(topic: string): void {
  if (topic === '') throw invalidArgument('content topic required')
  if (Buffer.byteLength(topic) > MAX_TOPIC_BYTES) throw invalidArgument('topic length too big')
}

/**
 * Runs one query with the message API's semantics: `(timestampNs, digest)` order, descending unless asked
 * otherwise, strict cursor continuation, and a cursor in the answer only when the page came back full.
 */
export function runQuery(store: EnvelopeStore, request: QueryRequest): QueryResponse {
  const { contentTopics, pagingInfo } = request
  if (contentTopics.length === 0) throw invalidArgument('content topics required')
  contentTopics.forEach(assertTopic)

  const requested = pagingInfo?.limit ?? 0
  const max =
    contentTopics.length === 1 && isUserPreferencesTopic(contentTopics[0]!)
      ? MAX_USER_PREFERENCES_PAGE_SIZE
      : MAX_PAGE_SIZE
  if (requested > max) throw invalidArgument(`cannot exceed ${max} rows per query`)
  const pageSize = requested === 0 ? DEFAULT_PAGE_SIZE : requested
  const direction = pagingInfo?.direction ?? 'SORT_DIRECTION_UNSPECIFIED'
  const cursor = pagingInfo?.cursor && pagingInfo.cursor.digest.length > 0 ? pagingInfo.cursor : undefined

  const rows = store.query({
    topics: contentTopics,
    startTimeNs: request.startTimeNs,
    endTimeNs: request.endTimeNs,
    ascending: direction === 'SORT_DIRECTION_ASCENDING',
    cursor,
    limit: pageSize,
  })

  const last = rows.at(-1)
  if (rows.length < pageSize || !last) {
    return { envelopes: rows, pagingInfo: { limit: 0, cursor: undefined, direction } }
  }
  return {
    envelopes: rows,
    pagingInfo: {
      limit: Math.min(pageSize, MAX_PAGE_SIZE),
      cursor: { digest: last.digest, senderTimeNs: last.timestampNs },
      direction,
    },
  }
}
