export interface KitErrorParameters {
  /** Extra context safe to show: never key material, signatures or plaintext. */
  details?: string
  cause?: unknown
  metaMessages?: string[]
}

/**
 * Base of every error the kit throws. `shortMessage` is the one-line reason; `message` adds `details`.
 * Messages never contain key material, signatures or plaintext.
 */
export class KitError extends Error {
  override name = 'KitError'
  /** Stable machine-readable code, e.g. `'SIGNATURE_INVALID'`. */
  readonly code: string
  readonly shortMessage: string
  readonly details: string | undefined

  constructor(shortMessage: string, { details, cause }: KitErrorParameters = {}, code = 'KIT_ERROR') {
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, cause === undefined ? undefined : { cause })
    this.shortMessage = shortMessage
    this.details = details
    this.code = code
  }
}
