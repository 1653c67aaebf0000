import Long from 'long'

/** protobufjs represents uint64 fields as `Long`; the kit uses bigint. */
export const toLong = (value: bigint): Long => Long.fromString(value.toString(), true)

export const fromLong = (value: Long | number | string | undefined | null): bigint => {
  if (value === undefined || value === null) return 0n
  if (typeof value === 'number') return BigInt(value)
  return BigInt(value.toString())
}
