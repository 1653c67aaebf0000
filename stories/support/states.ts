import type { BuildScenario, Scenario, ScenarioOptions } from './scenarios.js'

/**
 * The story states on top of a scenario. Each one disturbs only the local user's transport, after seeding:
 * the network and the peers keep working, as they would when one user's connection is poor.
 */
type Wrap = (build: BuildScenario, options?: ScenarioOptions) => () => Promise<Scenario>

/** Every request of the local user hangs: the components stay in their loading state. */
export const loading: Wrap = (build, options) => async () => {
  const scenario = await build(options)
  scenario.transport.hold()
  return scenario
}

/** The local user's reads fail (as when the node is unreachable): the components show their error state. */
export const failingReads: Wrap = (build, options) => async () => {
  const scenario = await build(options)
  scenario.transport.failQueries(true)
  return scenario
}

/** The local user's publishes fail until the play function allows them again (`transport.failPublishes(false)`). */
export const failingSends: Wrap = (build, options) => async () => {
  const scenario = await build(options)
  scenario.transport.failPublishes(true)
  return scenario
}
