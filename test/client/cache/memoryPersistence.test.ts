import { describe, expect, test } from 'vitest'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'

describe('memoryPersistence', () => {
  test('default: get, set, delete and keys by prefix', async () => {
    const persistence = memoryPersistence()
    expect(await persistence.get('a/1')).toBeUndefined()
    await persistence.set('a/1', new Uint8Array([1]))
    await persistence.set('a/2', new Uint8Array([2]))
    await persistence.set('b/1', new Uint8Array([3]))
    expect(await persistence.get('a/1')).toEqual(new Uint8Array([1]))
    expect((await persistence.keys('a/')).sort()).toEqual(['a/1', 'a/2'])
    await persistence.delete('a/1')
    await persistence.delete('missing')
    expect(await persistence.keys('a/')).toEqual(['a/2'])
    expect((await persistence.keys('')).sort()).toEqual(['a/2', 'b/1'])
  })

  test('behavior: values are copied in and out', async () => {
    const persistence = memoryPersistence()
    const value = new Uint8Array([1, 2, 3])
    await persistence.set('k', value)
    value[0] = 9
    const read = (await persistence.get('k'))!
    read[1] = 9
    expect(await persistence.get('k')).toEqual(new Uint8Array([1, 2, 3]))
    await expect(persistence.set('k', 'text' as never)).rejects.toThrow(TypeError)
  })
})
