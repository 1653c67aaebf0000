import type { Decorator } from '@storybook/react-vite'
import { XMTPUIProvider, type Theme } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import { createContext, useContext, useState } from 'react'
import type { BaseScenario, Scenario, WalletScenario } from './scenarios.js'

/** How a story gets its network: `parameters: { xmtp: seededInbox }` (a story's value replaces its meta's). */
export type ScenarioParameter = () => Promise<BaseScenario>

/**
 * The project's loader: builds the network of the story's `xmtp` parameter (see `scenarios.ts` and
 * `states.ts`) before it renders. The decorators below then provide its client, and play functions read it
 * with {@link scenarioOf}. One loader for every story, so a story that replaces its meta's scenario builds
 * only its own.
 */
export async function xmtpLoader(context: { parameters: { xmtp?: ScenarioParameter } }): Promise<{ xmtp?: BaseScenario }> {
  const build = context.parameters.xmtp
  return build ? { xmtp: await build() } : {}
}

const loadedScenario = (context: { loaded: Record<string, unknown> }) => {
  const scenario = context.loaded.xmtp as BaseScenario | undefined
  if (!scenario) throw new Error('This story has no `xmtp` parameter.')
  return scenario
}

/** The story's scenario, with the local user's client. */
export function scenarioOf(context: { loaded: Record<string, unknown> }): Scenario {
  const scenario = loadedScenario(context)
  if (!('me' in scenario)) throw new Error('This story has a wallet scenario: use walletScenarioOf.')
  return scenario as Scenario
}

/** The story's wallet scenario (`walletScenario()`: a wallet not yet connected to XMTP). */
export function walletScenarioOf(context: { loaded: Record<string, unknown> }): WalletScenario {
  const scenario = loadedScenario(context)
  if (!('wallet' in scenario)) throw new Error('This story has no wallet scenario.')
  return scenario as WalletScenario
}

/** Provides the scenario's client (or its own provider settings) to the story. */
export const withXMTP: Decorator = (Story, context) => {
  const scenario = context.loaded.xmtp as BaseScenario | undefined
  if (!scenario) return <Story />
  return (
    <XMTPProvider {...scenario.provider}>
      <Story />
    </XMTPProvider>
  )
}

/** Stops the scenario's reply bots when the story unmounts. */
export const disposeScenario = (context: { loaded: Record<string, unknown> }) => () => {
  ;(context.loaded.xmtp as BaseScenario | undefined)?.dispose()
}

export const NARROW_WIDTH = 320

const FrameContext = createContext<HTMLElement | null>(null)

/**
 * The story frame, once mounted: dialogs portal into it (`container`) so that, in the narrow viewport, they
 * are laid out in its 320 px as they would be on a phone. `null` on the first render.
 */
export const useStoryFrame = () => useContext(FrameContext)

/**
 * The themed frame every story renders in: an `.xk-root` carrying the toolbar's theme (also given to the
 * components through `XMTPUIProvider`), full height, and 320 px wide when the narrow viewport is chosen, so
 * the narrow layout applies in the test runner too, where the viewport toolbar does not resize the page.
 * When narrow, the frame is also the containing block of fixed elements (`contain: layout`), so dialogs
 * portalled into it stay inside its width.
 */
export const withFrame: Decorator = (Story, context) => {
  const theme = (context.globals.theme as Theme | undefined) ?? 'light'
  const narrow = (context.globals.viewport as { value?: string } | undefined)?.value === 'narrow'
  const [frame, setFrame] = useState<HTMLElement | null>(null)
  return (
    <XMTPUIProvider theme={theme}>
      <div
        ref={setFrame}
        className="xk-root"
        data-theme={theme}
        data-story-frame=""
        style={{
          height: '100vh',
          width: narrow ? NARROW_WIDTH : '100%',
          display: 'flex',
          flexDirection: 'column',
          boxSizing: 'border-box',
          ...(narrow ? { contain: 'layout' } : {}),
        }}
      >
        <FrameContext.Provider value={frame}>
          <Story />
        </FrameContext.Provider>
      </div>
    </XMTPUIProvider>
  )
}
