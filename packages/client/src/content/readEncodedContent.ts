import type { ContentTypeId } from './contentTypeId.js'

/** An `EncodedContent` (§10) as read from the wire; `type` is undefined when the field is absent. */
export interface WireEncodedContent {
  type: ContentTypeId | undefined
  parameters: Record<string, string>
  fallback: string | undefined
  compression: number | undefined
  content: Uint8Array
}

/** Thrown for bytes that are not a protobuf message: truncated fields, a bad wire type. */
export class WireFormatError extends Error {
  override name = 'WireFormatError'
}

const utf8 = new TextDecoder()

/** A short string: ASCII directly (content type ids, parameter names), anything else through the TextDecoder. */
function shortString(buf: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let i = start; i < end; i++) {
    const byte = buf[i]!
    if (byte >= 0x80) return utf8.decode(buf.subarray(start, end))
    text += String.fromCharCode(byte)
  }
  return text
}

/**
 * A protobuf reader for the few message types read on the hot path (a message's `EncodedContent`), with the
 * same results as the generated decoders of `@xmtp/proto` (protobufjs `Reader` + ts-proto) on every input
 * they accept — unknown fields skipped, the last occurrence of a field winning, a zero tag or an end-group
 * ending the message — and the same inputs refused. It avoids their generic machinery and copies: the content
 * is one `slice` of the input.
 */
class Reader {
  pos = 0
  constructor(
    readonly buf: Uint8Array,
    readonly len = buf.length,
  ) {}

  private outOfRange(): never {
    throw new WireFormatError('A field runs past the end of the message.')
  }

  /** A varint as an unsigned 32-bit number; like protobufjs, bytes 6 to 10 of a long varint are skipped unread. */
  uint32(): number {
    const buf = this.buf
    let byte = buf[this.pos++] ?? 0x80
    let value = byte & 127
    if (byte < 128) return value
    byte = buf[this.pos++] ?? 0x80
    value = (value | ((byte & 127) << 7)) >>> 0
    if (byte < 128) return value
    byte = buf[this.pos++] ?? 0x80
    value = (value | ((byte & 127) << 14)) >>> 0
    if (byte < 128) return value
    byte = buf[this.pos++] ?? 0x80
    value = (value | ((byte & 127) << 21)) >>> 0
    if (byte < 128) return value
    byte = buf[this.pos++] ?? 0x80
    value = (value | ((byte & 15) << 28)) >>> 0
    if (byte < 128) return value
    if ((this.pos += 5) > this.len) {
      this.pos = this.len
      this.outOfRange()
    }
    return value
  }

  int32(): number {
    return this.uint32() | 0
  }

  bytes(): Uint8Array {
    const length = this.uint32()
    const start = this.pos
    const end = start + length
    if (end > this.len) this.outOfRange()
    this.pos = end
    // A plain copy, even from a Node `Buffer` (whose `slice` is a view).
    return new Uint8Array(this.buf.subarray(start, end))
  }

  string(): string {
    const length = this.uint32()
    const start = this.pos
    const end = start + length
    if (end > this.len) this.outOfRange()
    this.pos = end
    return start === end ? '' : end - start <= 32 ? shortString(this.buf, start, end) : utf8.decode(this.buf.subarray(start, end))
  }

  skip(length: number): void {
    if (this.pos + length > this.len) this.outOfRange()
    this.pos += length
  }

  skipType(wireType: number): void {
    switch (wireType) {
      case 0:
        do {
          if (this.pos >= this.len) this.outOfRange()
        } while ((this.buf[this.pos++] ?? 0) & 128)
        return
      case 1:
        return this.skip(8)
      case 2:
        return this.skip(this.uint32())
      case 3:
        for (let type = this.uint32() & 7; type !== 4; type = this.uint32() & 7) this.skipType(type)
        return
      case 5:
        return this.skip(4)
      default:
        throw new WireFormatError(`Invalid wire type ${wireType}.`)
    }
  }
}

/** Reads fields until `end`; `field` handles a (field number, wire type) it knows and returns false otherwise. */
function readFields(reader: Reader, end: number, field: (tag: number) => boolean): void {
  while (reader.pos < end) {
    const tag = reader.uint32()
    if (field(tag)) continue
    if ((tag & 7) === 4 || tag === 0) return
    reader.skipType(tag & 7)
  }
}

function readContentTypeId(reader: Reader, length: number): ContentTypeId {
  const type: { -readonly [K in keyof ContentTypeId]: ContentTypeId[K] } = { authorityId: '', typeId: '', versionMajor: 0, versionMinor: 0 }
  readFields(reader, reader.pos + length, (tag) => {
    if (tag === 10) type.authorityId = reader.string()
    else if (tag === 18) type.typeId = reader.string()
    else if (tag === 24) type.versionMajor = reader.uint32()
    else if (tag === 32) type.versionMinor = reader.uint32()
    else return false
    return true
  })
  return type
}

function readParameter(reader: Reader, length: number): [string, string] {
  let key = ''
  let value = ''
  readFields(reader, reader.pos + length, (tag) => {
    if (tag === 10) key = reader.string()
    else if (tag === 18) value = reader.string()
    else return false
    return true
  })
  return [key, value]
}

/**
 * Decodes `EncodedContent` protobuf bytes (§10).
 *
 * @throws {WireFormatError} when the bytes are not a protobuf message.
 */
export function readEncodedContent(bytes: Uint8Array): WireEncodedContent {
  const reader = new Reader(bytes)
  const message: WireEncodedContent = { type: undefined, parameters: {}, fallback: undefined, compression: undefined, content: new Uint8Array(0) }
  readFields(reader, reader.len, (tag) => {
    if (tag === 10) message.type = readContentTypeId(reader, reader.uint32())
    else if (tag === 18) {
      const [key, value] = readParameter(reader, reader.uint32())
      message.parameters[key] = value
    } else if (tag === 26) message.fallback = reader.string()
    else if (tag === 40) message.compression = reader.int32()
    else if (tag === 34) message.content = reader.bytes()
    else return false
    return true
  })
  return message
}
