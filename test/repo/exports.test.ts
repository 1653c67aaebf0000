import { expect, test } from 'vitest'
import * as node from '@xmtp-kit/node'

// A change to a package's public API shows up here in review.
test('exports: @xmtp-kit/node', () => {
  expect(Object.keys(node).sort()).toMatchInlineSnapshot(`
    [
      "ApiError",
      "DEFAULT_PAGE_SIZE",
      "GrpcCode",
      "MAX_BATCH_QUERIES",
      "MAX_MESSAGE_BYTES",
      "MAX_PAGE_SIZE",
      "MAX_TOPIC_BYTES",
      "MAX_USER_PREFERENCES_PAGE_SIZE",
      "defaultRateLimits",
      "startNode",
    ]
  `)
})
