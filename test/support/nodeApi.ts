/** Raw HTTP helpers for talking to a node the way any client would: fetch and NDJSON streams. */

export interface ApiResponse<T = any> {
  status: number
  headers: Headers
  body: T
}

export async function post<T = any>(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
}

export const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64')

export function envelope(contentTopic: string, timestampNs: bigint | number, message: string | Uint8Array) {
  return { contentTopic, timestampNs: String(timestampNs), message: b64(message) }
}

export interface Stream {
  status: number
  headers: Headers
  /** The next parsed NDJSON line; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<any>
  /** Lines received so far and not yet taken with `next`. */
  readonly pending: any[]
  /** Resolves when the server ends the response. */
  ended: Promise<void>
  close(): void
}

export async function openStream(url: string, path: string, body: unknown): Promise<Stream> {
  const controller = new AbortController()
  const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), signal: controller.signal })
  const lines: any[] = []
  const waiters: Array<(line: any) => void> = []
  let buffer = ''
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  const ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += value
        let newline: number
        while ((newline = buffer.indexOf('\n')) !== -1) {
          const line = JSON.parse(buffer.slice(0, newline))
          buffer = buffer.slice(newline + 1)
          const waiter = waiters.shift()
          if (waiter) waiter(line)
          else lines.push(line)
        }
      }
    } catch {
      // aborted by close()
    }
  })()
  return {
    status: response.status,
    headers: response.headers,
    pending: lines,
    ended,
    next(timeoutMs = 2000) {
      if (lines.length > 0) return Promise.resolve(lines.shift())
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`no stream line within ${timeoutMs} ms`))
        }, timeoutMs)
        const waiter = (line: any) => {
          clearTimeout(timer)
          resolve(line)
        }
        waiters.push(waiter)
      })
    },
    close() {
      controller.abort()
    },
  }
}

/** A short pause, for asserting that nothing arrives. */
export const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms))
