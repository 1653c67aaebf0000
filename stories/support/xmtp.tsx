import type { Decorator } from '@storybook/react-vite'
import { XMTPUIProvider, type Theme } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import type { Scenario } from './scenarios.js'

/** How a story gets its network: `parameters: { xmtp: seededInbox }` (a story's value replaces its meta's). */
export type ScenarioParameter = () => Promise<Scenario>

/**
 * The project's loader: builds the network of the story's `xmtp` parameter (see `scenarios.ts` and
 * `states.ts`) before it renders. The decorators below then provide its client, and play functions read it
 * with {@link scenarioOf}. One loader for every story, so a story that replaces its meta's scenario builds
 * only its own.
 */
export async function xmtpLoader(context: { parameters: { xmtp?: ScenarioParameter } }): Promise<{ xmtp?: Scenario }> {
  const build = context.parameters.xmtp
  return build ? { xmtp: await build() } : {}
}

/** The story's scenario (from its `xmtp(...)` loader). */
export function scenarioOf(context: { loaded: Record<string, unknown> }): Scenario {
  const scenario = context.loaded.xmtp as Scenario | undefined
  if (!scenario) throw new Error('This story has no `xmtp` parameter.')
  return scenario
}

/** Provides the scenario's client (or its own provider settings) to the story. */
export const withXMTP: Decorator = (Story, context) => {
  const scenario = context.loaded.xmtp as Scenario | undefined
  if (!scenario) return <Story />
  return (
    <XMTPProvider {...scenario.provider}>
      <Story />
    </XMTPProvider>
  )
}

/** Stops the scenario's reply bots when the story unmounts. */
export const disposeScenario = (context: { loaded: Record<string, unknown> }) => () => {
  ;(context.loaded.xmtp as Scenario | undefined)?.dispose()
}

export const NARROW_WIDTH = 320

/**
 * The themed frame every story renders in: an `.xk-root` carrying the toolbar's theme (also given to the
 * components through `XMTPUIProvider`), full height, and 320 px wide when the narrow viewport is chosen, so
 * the narrow layout applies in the test runner too, where the viewport toolbar does not resize the page.
 */
export const withFrame: Decorator = (Story, context) => {
  const theme = (context.globals.theme as Theme | undefined) ?? 'light'
  const narrow = (context.globals.viewport as { value?: string } | undefined)?.value === 'narrow'
  return (
    <XMTPUIProvider theme={theme}>
      <div
        className="xk-root"
        data-theme={theme}
        data-story-frame=""
        style={{ height: '100vh', width: narrow ? NARROW_WIDTH : '100%', display: 'flex', flexDirection: 'column', boxSizing: 'border-box' }}
      >
        <Story />
      </div>
    </XMTPUIProvider>
  )
}
