import { KitError, type KitErrorParameters } from '../errors/KitError.js'

/**
 * No registered codec can handle a content type: the authority/type is unknown, or its `versionMajor` is
 * newer than the codec's (§10). Also thrown when content is of a different type than the caller expects.
 */
export class ContentTypeError extends KitError {
  override name = 'ContentTypeError' as const
  /** The content type in string form (`authorityId/typeId:major.minor`). Public protocol data: safe to show. */
  readonly contentType: string

  constructor(contentType: string, parameters: KitErrorParameters = {}) {
    super(`No codec for content type "${contentType}".`, parameters, 'CONTENT_TYPE_UNSUPPORTED')
    this.contentType = contentType
  }
}
