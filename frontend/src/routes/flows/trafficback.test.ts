import { describe, expect, it } from 'vitest'
import { trafficbackOf } from './trafficback'

describe('trafficbackOf', () => {
  it('follows the tracker: the flow’s, else the offer’s, else the network’s, else a 404', () => {
    expect(trafficbackOf('https://f', 'https://o', 'https://n')).toEqual({ by: 'flow', url: 'https://f' })
    expect(trafficbackOf('', 'https://o', 'https://n')).toEqual({ by: 'offer', url: 'https://o' })
    expect(trafficbackOf(null, '', 'https://n')).toEqual({ by: 'network', url: 'https://n' })
    expect(trafficbackOf(null, null, '')).toEqual({ by: 'none', url: '' })
  })
})
