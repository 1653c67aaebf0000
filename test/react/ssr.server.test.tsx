// @vitest-environment node
import { XMTPProvider } from '@xmtp-kit/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { AllHooks } from './allHooks.js'

describe('server rendering', () => {
  test('behavior: renderToString of every hook with no client succeeds without a window', () => {
    // In this environment any use of `window` or `document` would throw: neither exists.
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const html = renderToString(
      <XMTPProvider url="http://127.0.0.1:1">
        <AllHooks />
      </XMTPProvider>,
    )
    expect(html).toContain('<dd data-testid="client">idle</dd>')
    expect(html).toContain('idle<!-- -->:<!-- -->0<!-- -->:<!-- -->undefined<!-- -->:<!-- -->idle')
    expect(html).toContain('offline')
  })

  test('behavior: without a provider too', () => {
    expect(renderToString(<AllHooks />)).toContain('<dd data-testid="client">idle</dd>')
  })
})
