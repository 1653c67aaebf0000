import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { afterAll, expect } from 'vitest'

// Every file of the `react18` project really renders with React 18.
afterAll(() => {
  expect([version, domVersion]).toEqual(['18.3.1', '18.3.1'])
})
