// @vitest-environment node
import { Inbox } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'

describe('Inbox (server)', () => {
  test('behavior: renderToString works without a window', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <XMTPProvider url="http://127.0.0.1:1">
        <Inbox theme="dark" />
      </XMTPProvider>,
    )
    expect(html).toContain('class="xk-root xk-inbox"')
    expect(html).toContain('data-theme="dark"')
    expect(html).toContain('role="tablist"')
  })
})
