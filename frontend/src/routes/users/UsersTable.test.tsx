// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { UserRowFragment } from '../../gql/graphql'
import { installDomShims, renderWithMantine } from '../../test/render'
import { UsersTable } from './UsersTable'

beforeAll(installDomShims)
afterEach(cleanup)

const rows: UserRowFragment[] = [
  { id: '1', createdAt: '2026-11-27T23:30:00Z', email: 'admin@x.test', name: 'Root', role: 'ADMIN', status: 'ACTIVE', trusted: false },
  { id: '2', createdAt: '2026-11-27T10:00:00Z', email: 'pub@x.test', name: '', role: 'PUBLISHER', status: 'PENDING', trusted: true },
  { id: '3', createdAt: '2026-11-27T10:00:00Z', email: 'adv@x.test', name: 'Acme', role: 'ADVERTISER', status: 'BLOCKED', trusted: false },
]

describe('UsersTable', () => {
  it('is a real table with headers, the status in words and the actions each user allows', () => {
    const onStatus = vi.fn()
    const onOpen = vi.fn()
    renderWithMantine(<UsersTable rows={rows} viewerId="1" locale="en-US" timeZone="Europe/Berlin" caption="Users" onOpen={onOpen} onStatus={onStatus} />)
    const table = screen.getByTestId('users-table')
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent.trim())).toEqual(['User', 'Role', 'Status', 'Trusted', 'Signed up', 'Actions'])
    const all = within(table).getAllByRole('row')
    const row = (i: number) => {
      const r = all[i]
      if (!r) throw new Error(`no row ${String(i)}`)
      return within(r)
    }
    const [admin, pub, adv] = [row(1), row(2), row(3)]
    // The admin itself: no status action (it would lock itself out); dates in the viewer's timezone.
    expect(admin.queryAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Root, details'])
    expect(admin.getByText('Nov 28, 2026')).toBeTruthy()
    // A pending publisher without a name: its email, trusted, approve or reject.
    expect(pub.getByText('Pending approval')).toBeTruthy()
    expect(pub.getByText('Trusted')).toBeTruthy()
    fireEvent.click(pub.getByRole('button', { name: 'Approve pub@x.test' }))
    expect(onStatus).toHaveBeenCalledWith(rows[1], { to: 'ACTIVE', label: 'Approve' })
    expect(pub.getByRole('button', { name: 'Reject pub@x.test' })).toBeTruthy()
    // A suspended advertiser: trusted does not apply; reactivate; the name opens the details.
    expect(adv.getByText('Suspended')).toBeTruthy()
    expect(adv.getByText('—')).toBeTruthy()
    expect(adv.getByRole('button', { name: 'Reactivate adv@x.test' })).toBeTruthy()
    fireEvent.click(adv.getByRole('button', { name: 'Acme, details' }))
    expect(onOpen).toHaveBeenCalledWith('3')
  }, 30_000)
})
