// A small PNG encoder (truecolour, no filter) and the seeded photo, so the demo needs no image files or canvas.
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}

/** Encodes `pixel(x, y) → [r, g, b]` as a PNG. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter, no interlace
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]),
  )
}

const mix = (a: readonly number[], b: readonly number[], t: number) => a.map((v, i) => Math.round(v + (b[i]! - v) * t)) as [number, number, number]

/** A sunset over the sea, 320×200: the photo Alice sends. */
export function sunsetPng(): Uint8Array {
  const [w, h, horizon] = [320, 200, 128]
  const sun = { x: 160, y: 118, r: 30 }
  return encodePng(w, h, (x, y) => {
    if (y < horizon) {
      const d = Math.hypot(x - sun.x, y - sun.y)
      if (d < sun.r) return [255, 236, 179]
      const sky = y < 70 ? mix([43, 45, 110], [186, 85, 120], y / 70) : mix([186, 85, 120], [245, 140, 70], (y - 70) / (horizon - 70))
      return d < sun.r + 14 ? mix([255, 214, 150], sky, (d - sun.r) / 14) : sky
    }
    const sea = mix([38, 56, 110], [18, 28, 60], (y - horizon) / (h - horizon))
    // The sun's reflection: broken stripes that narrow towards the horizon.
    const spread = 8 + (y - horizon) * 0.45
    const glint = Math.abs(x - sun.x) < spread && (y + Math.floor(x / 9)) % 6 < 3
    return glint ? mix(sea, [255, 190, 120], 0.75) : sea
  })
}
