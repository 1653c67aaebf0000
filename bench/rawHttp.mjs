// A deliberately minimal HTTP/1.1 client for the load generator. The node and the load generator share two
// cores, so every microsecond the client spends in `http.request` machinery is taken from the node; this
// client writes one prebuilt request per keep-alive socket and reads a Content-Length response, nothing else.
import net from 'node:net'

const CRLF2 = Buffer.from('\r\n\r\n')

/** One keep-alive connection, one request in flight at a time (like one SDK client's fetch). */
export class RawConnection {
  /** @param {{ host: string, port: number, authorization?: string }} options */
  constructor({ host, port, authorization }) {
    this.host = host
    this.port = port
    this.headerTail = `Host: ${host}:${port}\r\nContent-Type: application/json\r\n${
      authorization ? `Authorization: ${authorization}\r\n` : ''
    }`
    this.socket = undefined
    this.pending = undefined
    this.buffer = undefined
  }

  #connect() {
    const socket = net.connect(this.port, this.host)
    socket.setNoDelay(true)
    socket.on('data', (chunk) => this.#onData(chunk))
    const fail = (error) => {
      if (this.socket === socket) this.socket = undefined
      const pending = this.pending
      this.pending = undefined
      this.buffer = undefined
      pending?.reject(error ?? new Error('connection closed'))
    }
    socket.on('error', fail)
    socket.on('close', () => fail(undefined))
    this.socket = socket
  }

  #onData(chunk) {
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk
    const pending = this.pending
    if (!pending) return
    const buffer = this.buffer
    if (pending.bodyStart === undefined) {
      const end = buffer.indexOf(CRLF2)
      if (end === -1) return
      const head = buffer.toString('latin1', 0, end)
      const status = Number(head.slice(9, 12))
      const match = /\r\ncontent-length:\s*(\d+)/i.exec(head)
      if (!match) {
        pending.reject(new Error(`response without Content-Length (status ${status})`))
        this.socket?.destroy()
        return
      }
      pending.status = status
      pending.bodyStart = end + 4
      pending.bodyEnd = end + 4 + Number(match[1])
    }
    if (buffer.length < pending.bodyEnd) return
    const body = buffer.subarray(pending.bodyStart, pending.bodyEnd)
    this.buffer = buffer.length > pending.bodyEnd ? buffer.subarray(pending.bodyEnd) : undefined
    this.pending = undefined
    pending.resolve({ status: pending.status, body })
  }

  /**
   * POSTs `body` (string or Buffer) to `path`; resolves `{ status, body: Buffer }`.
   * @returns {Promise<{ status: number, body: Buffer }>}
   */
  post(path, body) {
    if (this.pending) throw new Error('one request at a time per RawConnection')
    if (!this.socket) this.#connect()
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, status: 0, bodyStart: undefined, bodyEnd: 0 }
      const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length
      const head = `POST ${path} HTTP/1.1\r\n${this.headerTail}Content-Length: ${length}\r\n\r\n`
      if (typeof body === 'string' && length < 16_384) {
        this.socket.write(head + body)
      } else {
        this.socket.cork()
        this.socket.write(head)
        this.socket.write(body)
        this.socket.uncork()
      }
    })
  }

  close() {
    this.socket?.destroy()
    this.socket = undefined
  }
}

/**
 * A streaming subscription on its own connection (`POST /message/v1/subscribe`). The node writes each
 * envelope as one chunk holding one NDJSON line; `onLine(line, arrivedAt)` gets every `{"result":…}` line
 * (the chunked-encoding size lines are skipped). Resolves once the response headers have arrived, i.e. once
 * the node has registered the subscription.
 */
export function openSubscription({ host, port, topics, onLine, onClose, now }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host)
    socket.setNoDelay(true)
    const body = JSON.stringify({ contentTopics: topics })
    socket.write(
      `POST /message/v1/subscribe HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
    let headersDone = false
    let rest = ''
    let settled = false
    socket.setEncoding('latin1')
    socket.on('data', (text) => {
      const arrivedAt = now()
      if (!headersDone) {
        text = rest + text
        const end = text.indexOf('\r\n\r\n')
        if (end === -1) {
          rest = text
          return
        }
        const status = Number(text.slice(9, 12))
        headersDone = true
        rest = ''
        text = text.slice(end + 4)
        if (status !== 200) {
          settled = true
          reject(new Error(`subscribe answered ${status}: ${text.slice(0, 200)}`))
          socket.destroy()
          return
        }
        settled = true
        resolve(socket)
      }
      let start = 0
      if (rest) {
        text = rest + text
        rest = ''
      }
      for (;;) {
        const nl = text.indexOf('\n', start)
        if (nl === -1) break
        if (text.charCodeAt(start) === 123 /* { */) onLine(text.slice(start, nl), arrivedAt)
        start = nl + 1
      }
      if (start < text.length) rest = text.slice(start)
    })
    socket.on('error', (error) => {
      if (!settled) {
        settled = true
        reject(error)
      }
    })
    socket.on('close', () => {
      if (!settled) {
        settled = true
        reject(new Error('subscription closed before its headers'))
      }
      onClose?.()
    })
  })
}
