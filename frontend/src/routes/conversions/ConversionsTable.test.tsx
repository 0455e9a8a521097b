// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConversionRowFragment } from '../../gql/graphql'
import { installDomShims, renderWithMantine } from '../../test/render'
import { ConversionsTable } from './ConversionsTable'
import { PERMISSIONS } from '../../test/permissions'
import { conversionsView } from './rules'

beforeAll(installDomShims)
afterEach(cleanup)

const base = {
  createdAt: '2026-11-27T23:30:00Z',
  cancelReason: null,
  transactionID: 'LM-1',
  amount: '494.34',
  currency: 'EUR',
  country: 'DE',
  offer: { id: '1', name: 'Lucky Spin' },
  goal: { id: '2', name: 'First deposit' },
  sub1: 'fb_cmp_7',
  flow: { id: '3', name: 'Facebook DE', code: 'AbC23xyz' },
} as const

// What the API answers each role: hidden money is not asked for (@include), so it is absent;
// viewerCan is what the viewer may do with each conversion now.
const advertiserRows: ConversionRowFragment[] = [
  { ...base, id: '101', status: 'PENDING', viewerCan: ['APPROVE_CONVERSION', 'CANCEL_CONVERSION'], revenue: '123456789012.34' },
  { ...base, id: '102', status: 'CANCELLED', viewerCan: [], cancelReason: 'FRAUD', revenue: '3.00' },
]
const publisherRows: ConversionRowFragment[] = [{ ...base, id: '201', status: 'APPROVED', viewerCan: [], payout: '2.50' }]

function headers(): string[] {
  return within(screen.getByTestId('conversions-table'))
    .getAllByRole('columnheader')
    .map((th) => th.textContent.trim())
}

describe('ConversionsTable', () => {
  it('gives an advertiser its cost, selectable rows (not cancelled ones) and no payout', () => {
    const onSelectionChange = vi.fn()
    renderWithMantine(
      <ConversionsTable
        rows={advertiserRows}
        view={conversionsView(PERMISSIONS.ADVERTISER)}
        locale="en-US"
        timeZone="Europe/Berlin"
        selection={{}}
        onSelectionChange={onSelectionChange}
        onOpen={() => undefined}
      />,
    )
    const h = headers()
    expect(h).toContain('Cost')
    expect(h).not.toContain('Payout')
    expect(h).not.toContain('Profit')
    expect(h).not.toContain('Publisher')
    expect(h).not.toContain('Sub1')
    expect(screen.getByText('€123,456,789,012.34')).toBeTruthy()
    expect(screen.getAllByText(/^Nov 28, (2026, )?12:30\sAM$/)).toHaveLength(2)
    expect(screen.getByText('Fraud')).toBeTruthy()
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select conversion 102' }).disabled).toBe(true)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select conversion 101' }))
    expect(onSelectionChange).toHaveBeenCalledWith({ '101': true })
  })

  it('gives a publisher its payout, no checkboxes, and opens the side panel from the ID', () => {
    const onOpen = vi.fn()
    renderWithMantine(
      <ConversionsTable
        rows={publisherRows}
        view={conversionsView(PERMISSIONS.PUBLISHER)}
        locale="en-US"
        timeZone="UTC"
        selection={{}}
        onSelectionChange={() => undefined}
        onOpen={onOpen}
      />,
    )
    const h = headers()
    expect(h).toContain('Payout')
    for (const hidden of ['Cost', 'Revenue', 'Profit', 'Publisher']) expect(h).not.toContain(hidden)
    // Its own words for its traffic: the flow and the sub1 label.
    expect(h).toContain('Flow')
    expect(h).toContain('Sub1')
    expect(screen.getByText('Facebook DE')).toBeTruthy()
    expect(screen.getByText('fb_cmp_7')).toBeTruthy()
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Details of conversion 201' }))
    expect(onOpen).toHaveBeenCalledWith('201')
  })
})
