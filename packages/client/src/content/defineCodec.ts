import type { ContentCodec } from './ContentCodec.js'

/** `codec`, frozen: built-in codecs are shared by every registry, so nobody may patch them. */
export function defineCodec<T>(codec: ContentCodec<T>): ContentCodec<T> {
  return Object.freeze(codec)
}
