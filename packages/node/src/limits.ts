/**
 * What one request, one connection and the whole node may take: shared by every listener of the node, so that
 * the XMTP v3 listeners inherit the same bounds as the v2 HTTP API. Each limit is answered with a clear error
 * (gRPC `InvalidArgument` or `ResourceExhausted`), never a crash or an unbounded allocation.
 */
export const NodeLimits = {
  /** Topics in one query. SQLite binds at most 32,766 variables; the client asks for one topic per query. */
  maxTopicsPerQuery: 1_000,
  /** Topics in one batch query, all its queries together. */
  maxTopicsPerBatch: 10_000,
  /** Topics in one subscription (a wallet with this many conversations streams them in one request). */
  maxTopicsPerSubscription: 20_000,
  /** Open connections from one IP address; beyond it the oldest idle one of that address is closed. */
  maxConnectionsPerIp: 1_024,
  /** Open connections in all; beyond it the oldest idle connection is closed, or the new one if none is idle. */
  maxConnections: 16_384,
  /** A connection that sends no request for this long is closed (between requests, and before the first). */
  idleTimeoutMs: 30_000,
  /** The whole request head must arrive within this. */
  headersTimeoutMs: 10_000,
  /** Request bodies being read at once, all requests together: beyond it new bodies are refused. */
  bodyBudgetBytes: 128 * 1024 * 1024,
  /** How far in the future a publish auth token may be dated (clock skew). */
  maxTokenClockSkewMs: 10 * 60 * 1000,
} as const

export type NodeLimits = { [K in keyof typeof NodeLimits]: number }
