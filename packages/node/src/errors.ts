/** gRPC status codes used by the message API (google.golang.org/grpc/codes). */
export const GrpcCode = {
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const

export type GrpcCode = (typeof GrpcCode)[keyof typeof GrpcCode]

/** HTTP status for each gRPC code, as grpc-gateway maps them (`runtime.HTTPStatusFromCode`). */
const httpStatusByCode: Record<GrpcCode, number> = {
  [GrpcCode.InvalidArgument]: 400,
  [GrpcCode.DeadlineExceeded]: 504,
  [GrpcCode.NotFound]: 404,
  [GrpcCode.PermissionDenied]: 403,
  [GrpcCode.ResourceExhausted]: 429,
  [GrpcCode.Unimplemented]: 501,
  [GrpcCode.Internal]: 500,
  [GrpcCode.Unavailable]: 503,
  [GrpcCode.Unauthenticated]: 401,
}

/**
 * An error the node answers with: serialised as `{code, message, details}` under the HTTP status that
 * grpc-gateway uses for its gRPC code. Messages never contain request payloads or tokens.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: GrpcCode

  constructor(code: GrpcCode, message: string) {
    super(message)
    this.code = code
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code]
  }

  toJSON(): { code: number; message: string; details: unknown[] } {
    return { code: this.code, message: this.message, details: [] }
  }
}

export const invalidArgument = (message: string) => new ApiError(GrpcCode.InvalidArgument, message)
