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
import type { RateLimiter } from './rateLimiter.js'
import { computeDigest, type EnvelopeStore, type StoredEnvelope } from './store.js'
import type { SubscriptionHub } from './subscriptions.js'
import { isEphemeralTopic, MAX_MESSAGE_BYTES } from './topic.js'

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
  onError: (error: unknown) => void
}

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

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        reject(invalidArgument(`request body larger than ${maxBytes} bytes`))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
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

const routes: Record<string, 'publish' | 'query' | 'batch-query' | 'subscribe' | 'subscribe-all'> = {
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
      const body = parseJsonBody(await readBody(req, ctx.maxBodyBytes))
      switch (route) {
        case 'publish':
          return sendJson(res, 200, publish(ctx, req, body))
        case 'query':
          return sendJson(res, 200, queryResponseToJson(runQuery(ctx.store, parseQueryRequest(body))))
        case 'batch-query':
          return sendJson(res, 200, batchQuery(ctx, req, body))
        case 'subscribe':
          return subscribe(ctx, res, parseSubscribeRequest(body))
        case 'subscribe-all':
          return subscribe(ctx, res, 'all')
      }
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error)
      ctx.onError(error)
      sendError(res, new ApiError(GrpcCode.Internal, 'internal error'))
    }
  }
}
