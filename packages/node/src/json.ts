import { invalidArgument } from './errors.js'

/** An envelope as the node stores and relays it. `timestampNs` is a uint64. */
export interface Envelope {
  contentTopic: string
  timestampNs: bigint
  message: Uint8Array
}

export type SortDirection = 'SORT_DIRECTION_UNSPECIFIED' | 'SORT_DIRECTION_ASCENDING' | 'SORT_DIRECTION_DESCENDING'

const directions: readonly SortDirection[] = [
  'SORT_DIRECTION_UNSPECIFIED',
  'SORT_DIRECTION_ASCENDING',
  'SORT_DIRECTION_DESCENDING',
]

export interface IndexCursor {
  digest: Uint8Array
  senderTimeNs: bigint
}

export interface PagingInfo {
  limit: number
  cursor: IndexCursor | undefined
  direction: SortDirection
}

export interface QueryRequest {
  contentTopics: string[]
  startTimeNs: bigint
  endTimeNs: bigint
  pagingInfo: PagingInfo | undefined
}

const UINT64_MAX = (1n << 64n) - 1n
const UINT32_MAX = 2 ** 32 - 1
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/

type JsonObject = Record<string, unknown>

/** Parses a request body as JSON whatever its Content-Type; an empty body is `{}`. */
export function parseJsonBody(body: string): JsonObject {
  if (body.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw invalidArgument('request body is not valid JSON')
  }
  return asObject(value, 'request body')
}

function asObject(value: unknown, name: string): JsonObject {
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(`${name} must be a JSON object`)
  return value as JsonObject
}

/** protojson accepts both the lowerCamelCase JSON name and the proto field name. */
function field(obj: JsonObject, jsonName: string, protoName: string): unknown {
  const value = obj[jsonName]
  return value === undefined ? obj[protoName] : value
}

function asString(value: unknown, name: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') throw invalidArgument(`${name} must be a string`)
  return value
}

function asArray(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidArgument(`${name} must be an array`)
  return value
}

/** uint64 from a decimal string or a JSON number, as protojson reads it. */
export function parseUint64(value: unknown, name: string): bigint {
  if (value === undefined || value === null) return 0n
  let parsed: bigint
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw invalidArgument(`${name} must be a uint64`)
    parsed = BigInt(value)
  } else if (typeof value === 'string' && /^\d{1,20}$/.test(value)) {
    parsed = BigInt(value)
  } else {
    throw invalidArgument(`${name} must be a uint64`)
  }
  if (parsed > UINT64_MAX) throw invalidArgument(`${name} must be a uint64`)
  return parsed
}

function parseUint32(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > UINT32_MAX) {
    throw invalidArgument(`${name} must be a uint32`)
  }
  return n
}

/** bytes: standard or URL-safe base64, padded or not (protojson accepts all four). */
export function parseBytes(value: unknown, name: string): Uint8Array {
  if (value === undefined || value === null) return new Uint8Array(0)
  if (typeof value !== 'string' || !BASE64.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
    throw invalidArgument(`${name} must be base64`)
  }
  return new Uint8Array(Buffer.from(value, 'base64'))
}

function parseDirection(value: unknown): SortDirection {
  if (value === undefined || value === null) return 'SORT_DIRECTION_UNSPECIFIED'
  if (typeof value === 'number' && directions[value] !== undefined) return directions[value]
  if (typeof value === 'string' && (directions as readonly string[]).includes(value)) return value as SortDirection
  throw invalidArgument('pagingInfo.direction is not a SortDirection')
}

export function parseEnvelope(value: unknown): Envelope {
  const obj = asObject(value, 'envelope')
  return {
    contentTopic: asString(field(obj, 'contentTopic', 'content_topic'), 'contentTopic'),
    timestampNs: parseUint64(field(obj, 'timestampNs', 'timestamp_ns'), 'timestampNs'),
    message: parseBytes(obj.message, 'message'),
  }
}

export function parsePublishRequest(body: JsonObject): Envelope[] {
  return asArray(body.envelopes, 'envelopes').map(parseEnvelope)
}

function parsePagingInfo(value: unknown): PagingInfo | undefined {
  if (value === undefined || value === null) return undefined
  const obj = asObject(value, 'pagingInfo')
  const cursorObj = asObject(obj.cursor, 'pagingInfo.cursor')
  const indexValue = cursorObj.index
  let cursor: IndexCursor | undefined
  if (indexValue !== undefined && indexValue !== null) {
    const index = asObject(indexValue, 'pagingInfo.cursor.index')
    cursor = {
      digest: parseBytes(index.digest, 'cursor.index.digest'),
      senderTimeNs: parseUint64(field(index, 'senderTimeNs', 'sender_time_ns'), 'cursor.index.senderTimeNs'),
    }
  }
  return {
    limit: parseUint32(obj.limit, 'pagingInfo.limit'),
    cursor,
    direction: parseDirection(obj.direction),
  }
}

export function parseQueryRequest(value: unknown): QueryRequest {
  const obj = asObject(value, 'query request')
  return {
    contentTopics: asArray(field(obj, 'contentTopics', 'content_topics'), 'contentTopics').map((t) =>
      asString(t, 'contentTopics[]'),
    ),
    startTimeNs: parseUint64(field(obj, 'startTimeNs', 'start_time_ns'), 'startTimeNs'),
    endTimeNs: parseUint64(field(obj, 'endTimeNs', 'end_time_ns'), 'endTimeNs'),
    pagingInfo: parsePagingInfo(field(obj, 'pagingInfo', 'paging_info')),
  }
}

export function parseBatchQueryRequest(body: JsonObject): QueryRequest[] {
  return asArray(body.requests, 'requests').map(parseQueryRequest)
}

export function parseSubscribeRequest(body: JsonObject): string[] {
  return asArray(field(body, 'contentTopics', 'content_topics'), 'contentTopics').map((t) =>
    asString(t, 'contentTopics[]'),
  )
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

/** One envelope in the node's JSON form (every field emitted, uint64 as decimal strings). */
export function envelopeToJson(envelope: Envelope): string {
  return `{"contentTopic":${JSON.stringify(envelope.contentTopic)},"timestampNs":"${envelope.timestampNs}","message":"${toBase64(envelope.message)}"}`
}

export interface QueryResponse {
  envelopes: Envelope[]
  pagingInfo: PagingInfo
}

export function queryResponseToJson(response: QueryResponse): string {
  const { limit, cursor, direction } = response.pagingInfo
  const cursorJson = cursor
    ? `{"index":{"digest":"${toBase64(cursor.digest)}","senderTimeNs":"${cursor.senderTimeNs}"}}`
    : 'null'
  return `{"envelopes":[${response.envelopes.map(envelopeToJson).join(',')}],"pagingInfo":{"limit":${limit},"cursor":${cursorJson},"direction":"${direction}"}}`
}
