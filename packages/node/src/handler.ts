import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Authenticator } from './auth.js'
import { ApiError, GrpcCode, invalidArgument } from './errors.js'
import {
  envelopeToJson,
  parseBatchQueryRequest,
  parseJsonBody,
  parsePublishRequest,
  parseQueryRequest,
  parseSubscribeRequest,
  queryResponseToJson,
} from './json.js'
import { assertTopic, MAX_BATCH_QUERIES, runQuery } from './query.js'
import type { NodeLimits } from './limits.js'
import type { RateLimiter } from './rateLimiter.js'
import { computeDigest, type EnvelopeStore, type StoredEnvelope } from './store.js'
import type { SubscriptionHub } from './subscriptions.js'
import { isEphemeralTopic, MAX_MESSAGE_BYTES, MAX_TOPIC_BYTES } from './topic.js'

/** Largest request body read, as gRPC's default `--max-msg-size` (50 MiB) in front of the node. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
}
const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Headers':
    'Content-Type,Accept,Authorization,X-Client-Version,X-App-Version,Baggage,DNT,Sec-CH-UA,Sec-CH-UA-Mobile,Sec-CH-UA-Platform,Sentry-Trace,User-Agent,x-libxmtp-version,x-app-version',
  'Access-Control-Allow-Methods': 'GET,HEAD,POST,PUT,PATCH,DELETE',
}

export interface HandlerContext {
  store: EnvelopeStore
  hub: SubscriptionHub
  authenticator: Authenticator | undefined
  rateLimiter: RateLimiter | undefined
  maxBodyBytes: number
  limits: NodeLimits
  /** Bytes of request bodies being read now, all requests together (held against `limits.bodyBudgetBytes`). */
  bodies: { bytes: number }
  onError: (error: unknown) => void
}

/** The client went away while its request was read: nothing to answer, nothing to log. */
class ClientGone extends Error {}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

function sendError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.end(`{"error":${JSON.stringify(error.toJSON())}}\n`)
    return
  }
  sendJson(res, error.httpStatus, JSON.stringify(error.toJSON()))
}

/**
 * Reads a body of at most `maxBodyBytes`, holding its bytes against the node's budget for bodies in flight
 * (released when read, refused, or abandoned), so that many large uploads at once cannot exhaust memory.
 */
function readBody(ctx: HandlerContext, req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (error: Error | undefined) => {
      if (settled) return
      settled = true
      ctx.bodies.bytes -= size
      if (!error) return resolve(Buffer.concat(chunks).toString('utf8'))
      chunks.length = 0
      req.resume()
      reject(error)
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      if (size + chunk.length > maxBytes) return settle(invalidArgument(`request body larger than ${maxBytes} bytes`))
      if (ctx.bodies.bytes + chunk.length > ctx.limits.bodyBudgetBytes) {
        return settle(new ApiError(GrpcCode.ResourceExhausted, 'the node is reading too many request bodies at once; try again'))
      }
      size += chunk.length
      ctx.bodies.bytes += chunk.length
      chunks.push(chunk)
    })
    req.on('end', () => settle(undefined))
    req.on('error', () => settle(new ClientGone()))
    req.on('close', () => {
      if (!req.complete) settle(new ClientGone())
    })
  })
}

/**
 * The largest body a route can need within the limits (its topics at their longest, JSON quoting included),
 * so that an oversized list is refused while it is read, before any of it is parsed. Publishes keep the
 * node's general limit (up to 50 MiB of envelopes).
 */
function maxBodyFor(ctx: HandlerContext, route: Route): number {
  const topicsBytes = (n: number) => n * (MAX_TOPIC_BYTES * 2 + 8) + 64 * 1024
  switch (route) {
    case 'publish':
      return ctx.maxBodyBytes
    case 'query':
      return Math.min(ctx.maxBodyBytes, topicsBytes(ctx.limits.maxTopicsPerQuery))
    case 'batch-query':
      return Math.min(ctx.maxBodyBytes, topicsBytes(ctx.limits.maxTopicsPerBatch) + MAX_BATCH_QUERIES * 1024)
    case 'subscribe':
    case 'subscribe-all':
      return Math.min(ctx.maxBodyBytes, topicsBytes(ctx.limits.maxTopicsPerSubscription))
  }
}

function assertTopicCount(count: number, max: number, what: string): void {
  if (count > max) throw invalidArgument(`${what} has ${count} content topics; at most ${max} are allowed`)
}

const clientIp = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown'

function charge(ctx: HandlerContext, req: IncomingMessage, kind: 'general' | 'publish', cost: number): void {
  if (ctx.rateLimiter && !ctx.rateLimiter.take(clientIp(req), kind, cost)) {
    throw new ApiError(GrpcCode.ResourceExhausted, `rate limit exceeded (${kind})`)
  }
}

function publish(ctx: HandlerContext, req: IncomingMessage, body: Record<string, unknown>): string {
  const envelopes = parsePublishRequest(body)
  for (const envelope of envelopes) {
    assertTopic(envelope.contentTopic)
    if (envelope.message.length > MAX_MESSAGE_BYTES) throw invalidArgument('message too big')
  }
  ctx.authenticator?.authorize(
    req.headers.authorization,
    envelopes.map((e) => e.contentTopic),
  )
  charge(ctx, req, 'publish', envelopes.length)
  const stored: StoredEnvelope[] = []
  for (const envelope of envelopes) {
    if (!isEphemeralTopic(envelope.contentTopic)) stored.push({ ...envelope, digest: computeDigest(envelope) })
  }
  ctx.store.insert(stored)
  for (const envelope of envelopes) ctx.hub.publish(envelope.contentTopic, envelopeToJson(envelope))
  return '{}'
}

function batchQuery(ctx: HandlerContext, req: IncomingMessage, body: Record<string, unknown>): string {
  const requests = parseBatchQueryRequest(body)
  if (requests.length > MAX_BATCH_QUERIES) throw invalidArgument(`cannot exceed ${MAX_BATCH_QUERIES} requests in single batch`)
  for (const request of requests) assertTopicCount(request.contentTopics.length, ctx.limits.maxTopicsPerQuery, 'a query')
  assertTopicCount(
    requests.reduce((n, r) => n + r.contentTopics.length, 0),
    ctx.limits.maxTopicsPerBatch,
    'the batch',
  )
  charge(ctx, req, 'general', Math.max(requests.length - 1, 0))
  const responses = requests.map((request) => {
    try {
      return queryResponseToJson(runQuery(ctx.store, request))
    } catch (error) {
      // Any failed query fails the whole batch, as the XMTP node does.
      if (error instanceof ApiError) throw new ApiError(GrpcCode.Internal, error.message)
      throw error
    }
  })
  return `{"responses":[${responses.join(',')}]}`
}

function subscribe(ctx: HandlerContext, res: ServerResponse, topics: readonly string[] | 'all'): void {
  if (topics !== 'all') {
    if (topics.length === 0) throw invalidArgument('content topics required')
    assertTopicCount(topics.length, ctx.limits.maxTopicsPerSubscription, 'the subscription')
    topics.forEach(assertTopic)
  }
  res.writeHead(200, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json',
    'Grpc-Metadata-Subscribed': 'true',
    'Cache-Control': 'no-cache',
  })
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  ctx.hub.add(res, topics)
}

type Route = 'publish' | 'query' | 'batch-query' | 'subscribe' | 'subscribe-all'
const routes: Record<string, Route> = {
  '/message/v1/publish': 'publish',
  '/message/v1/query': 'query',
  '/message/v1/batch-query': 'batch-query',
  '/message/v1/subscribe': 'subscribe',
  '/message/v1/subscribe-all': 'subscribe-all',
}

/** The node's HTTP request handler: the message API v1 routes, `GET /healthz`, CORS. */
export function createRequestHandler(ctx: HandlerContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = (req.url ?? '/').split('?')[0]!
      if (req.method === 'OPTIONS') {
        res.writeHead(200, PREFLIGHT_HEADERS)
        res.end()
        return
      }
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        sendJson(res, 200, '{"status":"SERVING"}')
        return
      }
      const route = routes[path]
      if (!route) throw new ApiError(GrpcCode.NotFound, 'Not Found')
      if (req.method !== 'POST') throw new ApiError(GrpcCode.Unimplemented, 'Method Not Allowed')
      charge(ctx, req, 'general', 1)
      const body = parseJsonBody(await readBody(ctx, req, maxBodyFor(ctx, route)))
      switch (route) {
        case 'publish':
          return sendJson(res, 200, publish(ctx, req, body))
        case 'query': {
          const query = parseQueryRequest(body)
          assertTopicCount(query.contentTopics.length, ctx.limits.maxTopicsPerQuery, 'the query')
          return sendJson(res, 200, queryResponseToJson(runQuery(ctx.store, query)))
        }
        case 'batch-query':
          return sendJson(res, 200, batchQuery(ctx, req, body))
        case 'subscribe':
          return subscribe(ctx, res, parseSubscribeRequest(body))
        case 'subscribe-all':
          return subscribe(ctx, res, 'all')
      }
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error)
      if (error instanceof ClientGone) return void res.destroy()
      ctx.onError(error)
      sendError(res, new ApiError(GrpcCode.Internal, 'internal error'))
    }
  }
}
