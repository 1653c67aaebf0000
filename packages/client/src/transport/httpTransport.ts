import { AbortError, TransportError } from '../errors/errors.js'
import { base64ToBytes, bytesToBase64 } from '../utils/base64.js'
import { assertEnvelopes } from './assertEnvelopes.js'
import { backoffDelay, sleep, throwIfAborted, type BackoffOptions } from './backoff.js'
import { createSubscription, type Connect, type ReconnectOptions } from './createSubscription.js'
import { batchInChunks, paginate, type PageRequest } from './queryPages.js'
import type { Cursor, Envelope, QueryPage, Transport } from './types.js'

export interface HttpTransportParameters {
  /** Base URL of the node's HTTP API, e.g. `http://localhost:5555` (a trailing `/` is ignored). */
  url: string
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: typeof fetch | undefined
  /** Sent with every request (e.g. `X-App-Version`). */
  headers?: Record<string, string> | undefined
  /** Retries of publish/query/batch-query after a network error, HTTP 429 or 5xx (never other 4xx). */
  retry?:
    | {
        /** Tries in all, the first included. Default 5. */
        attempts?: number | undefined
        /** Delay before the first retry; doubles each time (with jitter). Default 100 ms. */
        baseDelayMs?: number | undefined
        /** Cap on one delay. Default 2 000 ms. */
        maxDelayMs?: number | undefined
      }
    | undefined
  /** Backoff between subscription reconnections. Defaults: 250 ms doubling, capped at 10 000 ms. */
  reconnect?: ReconnectOptions | undefined
}

export type HttpTransportReturnType = Transport

const PATHS = {
  publish: '/message/v1/publish',
  query: '/message/v1/query',
  batchQuery: '/message/v1/batch-query',
  subscribe: '/message/v1/subscribe',
} as const

/** gRPC code for an HTTP status, when an error body carries none (grpc-gateway's mapping, reversed). */
const GRPC_CODE_BY_STATUS: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  429: 8,
  499: 1,
  500: 13,
  501: 12,
  503: 14,
  504: 4,
}
const GRPC_UNKNOWN = 2

/** Transient answers: rate limiting and server-side failures. 501 (Unimplemented) will not change on retry. */
const isRetryableStatus = (status: number) => status === 429 || (status >= 500 && status !== 501)

const DIRECTION = { ascending: 'SORT_DIRECTION_ASCENDING', descending: 'SORT_DIRECTION_DESCENDING' } as const

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

const malformed = (what: string) =>
  new TransportError('The node sent a malformed response.', { status: 200, details: what })

function parseUint64(value: unknown, what: string): bigint {
  if (value === undefined || value === null) return 0n
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  throw malformed(`${what} is not a uint64`)
}

function parseBytes(value: unknown, what: string): Uint8Array {
  if (value === undefined || value === null) return new Uint8Array(0)
  if (typeof value !== 'string') throw malformed(`${what} is not base64`)
  try {
    return base64ToBytes(value)
  } catch {
    throw malformed(`${what} is not base64`)
  }
}

function parseEnvelope(value: unknown): Envelope {
  if (!isObject(value) || typeof value.contentTopic !== 'string') throw malformed('an envelope has no contentTopic')
  return {
    contentTopic: value.contentTopic,
    timestampNs: parseUint64(value.timestampNs, 'envelope.timestampNs'),
    message: parseBytes(value.message, 'envelope.message'),
  }
}

function parseQueryResponse(value: unknown): QueryPage {
  if (!isObject(value)) throw malformed('the query response is not an object')
  const envelopes = value.envelopes ?? []
  if (!Array.isArray(envelopes)) throw malformed('envelopes is not an array')
  const pagingInfo = isObject(value.pagingInfo) ? value.pagingInfo : {}
  const index = isObject(pagingInfo.cursor) && isObject(pagingInfo.cursor.index) ? pagingInfo.cursor.index : undefined
  let cursor: Cursor | undefined
  if (index) {
    const digest = parseBytes(index.digest, 'cursor.index.digest')
    // An empty digest is "no cursor" to the node as well.
    if (digest.length > 0) cursor = { digest, senderTimeNs: parseUint64(index.senderTimeNs, 'cursor.index.senderTimeNs') }
  }
  return { envelopes: envelopes.map(parseEnvelope), cursor }
}

const envelopeToJson = (envelope: Envelope) => ({
  contentTopic: envelope.contentTopic,
  timestampNs: envelope.timestampNs.toString(),
  message: bytesToBase64(envelope.message),
})

function queryToJson(request: PageRequest): Json {
  const pagingInfo: Json = { limit: request.pageSize, direction: DIRECTION[request.direction] }
  if (request.cursor) {
    pagingInfo.cursor = {
      index: { digest: bytesToBase64(request.cursor.digest), senderTimeNs: request.cursor.senderTimeNs.toString() },
    }
  }
  const json: Json = { contentTopics: [request.contentTopic], pagingInfo }
  if (request.startTimeNs !== undefined) json.startTimeNs = request.startTimeNs.toString()
  if (request.endTimeNs !== undefined) json.endTimeNs = request.endTimeNs.toString()
  return json
}

/** The node's `{code, message}` error body as a TransportError. The request body is never quoted. */
async function errorFromResponse(response: Response, path: string): Promise<TransportError> {
  let code: number | undefined
  let message: string | undefined
  try {
    const body: unknown = JSON.parse(await response.text())
    if (isObject(body)) {
      if (typeof body.code === 'number') code = body.code
      if (typeof body.message === 'string' && body.message !== '') message = body.message.slice(0, 200)
    }
  } catch {
    // Not a grpc-gateway body (a proxy's page, a cut connection): the status says enough.
  }
  const grpcCode = code ?? GRPC_CODE_BY_STATUS[response.status] ?? GRPC_UNKNOWN
  return new TransportError(message ?? `The node answered HTTP ${response.status}.`, {
    grpcCode,
    status: response.status,
    details: `POST ${path} → HTTP ${response.status}, gRPC code ${grpcCode}`,
  })
}

const networkError = (path: string, cause: unknown) =>
  new TransportError('Could not reach the node.', { cause, details: `POST ${path} got no answer` })

/** Seconds from a `Retry-After` header (the date form is ignored), as milliseconds. */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0
}

/**
 * A transport speaking the XMTP node's HTTP API (grpc-gateway JSON: lowerCamelCase fields, uint64 as decimal
 * strings, bytes as padded standard base64). Works in browsers and Node 20 with the global `fetch`.
 *
 * - Publish, query and batch-query are retried with exponential backoff on network errors, HTTP 429 and 5xx
 *   (except 501); any other 4xx is thrown at once, so a `401` (gRPC 16) reaches the caller, who can refresh
 *   its token. Publish retries are safe: the node deduplicates by digest.
 * - Subscriptions stream NDJSON and reconnect on their own; see {@link Transport.subscribe}.
 *
 * @throws {TransportError} with the node's gRPC `code` as `grpcCode` and the HTTP `status` (both undefined for
 *   network failures), after the retries.
 * @throws {AbortError} as soon as a call's `signal` aborts.
 * @throws {PayloadTooLargeError} before sending a topic over 300 bytes or a message over 1 048 214 bytes.
 * @throws {TypeError} before sending an empty topic or message, or other invalid parameters.
 * @example
 * const transport = httpTransport({ url: 'http://localhost:5555' })
 * await transport.publish([{ contentTopic, timestampNs: BigInt(Date.now()) * 1_000_000n, message }])
 * for await (const page of transport.query({ contentTopic })) console.log(page.envelopes)
 */
export function httpTransport(parameters: HttpTransportParameters): HttpTransportReturnType {
  if (typeof parameters?.url !== 'string' || parameters.url === '') throw new TypeError('url must be a non-empty string.')
  const baseUrl = parameters.url.replace(/\/+$/, '')
  const doFetch: typeof fetch = parameters.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const attempts = Math.max(1, parameters.retry?.attempts ?? 5)
  const retryBackoff: BackoffOptions = {
    baseDelayMs: parameters.retry?.baseDelayMs ?? 100,
    maxDelayMs: parameters.retry?.maxDelayMs ?? 2_000,
  }
  const headersFor = (extra?: Record<string, string>) => ({
    'Content-Type': 'application/json',
    Accept: 'application/json',
    ...parameters.headers,
    ...extra,
  })

  /** POSTs JSON and returns the parsed answer, retrying transient failures. */
  async function post(
    path: string,
    body: Json,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<unknown> {
    const text = JSON.stringify(body)
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(signal)
      const last = attempt === attempts - 1
      let failure: TransportError
      let waitAtLeastMs = 0
      try {
        const response = await doFetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: headersFor(extraHeaders),
          body: text,
          signal,
        })
        if (response.ok) {
          const answer = await response.text()
          try {
            return answer === '' ? {} : (JSON.parse(answer) as unknown)
          } catch {
            throw malformed(`POST ${path} answered with invalid JSON`)
          }
        }
        failure = await errorFromResponse(response, path)
        if (!isRetryableStatus(response.status)) throw failure
        waitAtLeastMs = retryAfterMs(response)
      } catch (error) {
        if (signal?.aborted) throw new AbortError()
        if (error instanceof TransportError) throw error
        // fetch rejected, or the body broke off: nothing came back from the node.
        failure = networkError(path, error)
      }
      if (last) throw failure
      await sleep(Math.min(retryBackoff.maxDelayMs, Math.max(waitAtLeastMs, backoffDelay(attempt, retryBackoff))), signal)
    }
  }

  const fetchPage = async (request: PageRequest, signal: AbortSignal | undefined) =>
    parseQueryResponse(await post(PATHS.query, queryToJson(request), signal))

  const connect: Connect = (topics, handlers, signal) => {
    void (async () => {
      let response: Response
      try {
        response = await doFetch(`${baseUrl}${PATHS.subscribe}`, {
          method: 'POST',
          headers: headersFor(),
          body: JSON.stringify({ contentTopics: topics }),
          signal,
        })
      } catch (error) {
        if (!signal.aborted) handlers.onClose(networkError(PATHS.subscribe, error))
        return
      }
      if (!response.ok || !response.body) {
        const error = response.ok
          ? new TransportError('The node sent no subscription stream.', { status: response.status })
          : await errorFromResponse(response, PATHS.subscribe).catch((cause: unknown) => networkError(PATHS.subscribe, cause))
        if (!signal.aborted) handlers.onClose(error)
        return
      }
      // The node registers the subscriber before it sends the status line (§3.4).
      handlers.onLive()
      const reader = response.body.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      let ended: Error
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          buffer += decoder.decode(value, { stream: true })
          let newline: number
          while ((newline = buffer.indexOf('\n')) !== -1) {
            const line = buffer.slice(0, newline).trim()
            buffer = buffer.slice(newline + 1)
            if (signal.aborted) return
            if (line === '') continue
            let parsed: unknown
            try {
              parsed = JSON.parse(line)
            } catch {
              throw new TransportError('The node sent a malformed subscription line.', { status: response.status })
            }
            if (!isObject(parsed)) continue
            if (isObject(parsed.error)) {
              const { code, message } = parsed.error
              throw new TransportError(typeof message === 'string' ? message.slice(0, 200) : 'The node ended the subscription.', {
                grpcCode: typeof code === 'number' ? code : GRPC_UNKNOWN,
                status: response.status,
                details: 'error line in the subscription stream',
              })
            }
            // Lines without `result` carry nothing for us (xmtp-js ignores them too).
            if (!isObject(parsed.result)) continue
            let envelope: Envelope
            try {
              envelope = parseEnvelope(parsed.result)
            } catch {
              continue
            }
            handlers.onEnvelope(envelope)
          }
        }
        ended = new TransportError('The node ended the subscription stream.', { status: response.status })
      } catch (error) {
        ended = error instanceof TransportError ? error : networkError(PATHS.subscribe, error)
      }
      reader.cancel().catch(() => {})
      if (!signal.aborted) handlers.onClose(ended)
    })()
  }

  return {
    async publish(envelopes, { authorization, signal } = {}) {
      assertEnvelopes(envelopes)
      throwIfAborted(signal)
      if (envelopes.length === 0) return
      await post(
        PATHS.publish,
        { envelopes: envelopes.map(envelopeToJson) },
        signal,
        authorization === undefined ? undefined : { Authorization: authorization },
      )
    },

    query(query) {
      return paginate(query, fetchPage)
    },

    batchQuery(queries, { signal } = {}) {
      return batchInChunks(queries, signal, async (requests, chunkSignal) => {
        const answer = await post(PATHS.batchQuery, { requests: requests.map(queryToJson) }, chunkSignal)
        const responses = isObject(answer) ? answer.responses : undefined
        if (!Array.isArray(responses) || responses.length !== requests.length) {
          throw malformed(`batch-query answered ${Array.isArray(responses) ? responses.length : 'no'} responses for ${requests.length} requests`)
        }
        return responses.map((response) => parseQueryResponse(response).envelopes)
      })
    },

    subscribe(topics, subscribeParameters) {
      return createSubscription(topics, subscribeParameters, { connect, reconnect: parameters.reconnect })
    },
  }
}
