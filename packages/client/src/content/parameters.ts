/**
 * `parameters[key]` if it is an own string property: decoded maps are plain objects, so keys such as
 * `constructor` must not reach `Object.prototype`.
 */
export function getParameter(parameters: Record<string, string>, key: string): string | undefined {
  if (!Object.hasOwn(parameters, key)) return undefined
  const value = parameters[key]
  return typeof value === 'string' ? value : undefined
}
