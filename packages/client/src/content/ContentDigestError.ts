import { KitError } from '../errors/KitError.js'

/**
 * A remote attachment's payload does not hash to the `contentDigest` of its message: the file at the URL
 * was replaced or corrupted.
 */
export class ContentDigestError extends KitError {
  override name = 'ContentDigestError' as const
  constructor() {
    super('The attachment payload does not match its content digest.', {}, 'CONTENT_DIGEST_MISMATCH')
  }
}
