// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { OverviewPeriodFragment } from '../../gql/graphql'
import { installDomShims, renderWithMantine } from '../../test/render'
import { PERMISSIONS } from '../../test/permissions'
import { overviewView } from './metrics'
import { PeriodCard } from './PeriodCard'

beforeAll(installDomShims)
afterEach(cleanup)

const money = { pending: 1, epc: '0.5000', pendingPayout: '10.00', clicks: 100, conversions: 3 }

// What the API answers a publisher: revenue and profit are null (SPEC §6).
const publisherReport: OverviewPeriodFragment = {
  totals: { clicks: 150, conversions: 5, pending: 2, cr: '3.33' },
  totalsByCurrency: [
    { ...money, currency: 'USD', payout: '123456789012.34', revenue: null, profit: null },
    { ...money, currency: 'JPY', clicks: 50, conversions: 2, payout: '1500', revenue: null, profit: null },
  ],
}

// What the API will answer an advertiser: its cost (revenue), never the publishers' money.
// (No pending conversions: the link to them needs the router, which the e2e test covers.)
const advertiserEUR = { ...money, currency: 'EUR', epc: null, pendingPayout: null, payout: null, revenue: '99.50', profit: null }
const advertiserReport: OverviewPeriodFragment = {
  totals: { clicks: 150, conversions: 5, pending: 0, cr: '3.33' },
  totalsByCurrency: [advertiserEUR],
}

function labels(card: HTMLElement): string[] {
  return within(card)
    .getAllByRole('term')
    .map((dt) => dt.textContent)
}

describe('PeriodCard', () => {
  it('shows a publisher its payout per currency, exactly, and no revenue or profit', () => {
    renderWithMantine(
      <PeriodCard id="month" title="This month" range="Nov 1 – Nov 28" report={publisherReport} view={overviewView(PERMISSIONS.PUBLISHER)} locale="en-US" />,
    )
    const card = screen.getByTestId('card-month')
    expect(labels(card)).toEqual(['Clicks', 'Conversions', 'CR', 'EPC', 'Payout', 'Pending', 'Pending payout'])
    expect(screen.getByTestId('month-payout').textContent).toBe('$123,456,789,012.34¥1,500')
    expect(screen.getByTestId('month-clicks').textContent).toBe('150')
    expect(screen.getByTestId('month-cr').textContent).toBe('3.33%')
  })

  it('shows an advertiser its cost and none of the publishers money', () => {
    renderWithMantine(
      <PeriodCard id="today" title="Today" range="Nov 28" report={advertiserReport} view={overviewView(PERMISSIONS.ADVERTISER)} locale="en-US" />,
    )
    expect(labels(screen.getByTestId('card-today'))).toEqual(['Clicks', 'Conversions', 'CR', 'Cost', 'Pending'])
    expect(screen.getByTestId('today-revenue').textContent).toBe('€99.50')
  })

  it('shows a dash once when a role’s money is hidden in every currency', () => {
    const hidden: OverviewPeriodFragment = {
      ...advertiserReport,
      totalsByCurrency: [
        { ...advertiserEUR, revenue: null },
        { ...advertiserEUR, currency: 'USD', revenue: null },
      ],
    }
    renderWithMantine(<PeriodCard id="today" title="Today" range="Nov 28" report={hidden} view={overviewView(PERMISSIONS.ADVERTISER)} locale="en-US" />)
    expect(screen.getByTestId('today-revenue').textContent).toBe('—')
  })

  it('shows skeletons while loading', () => {
    renderWithMantine(<PeriodCard id="today" title="Today" range="Nov 28" report={undefined} view={overviewView(PERMISSIONS.ADMIN)} locale="en-US" />)
    expect(screen.getByRole('heading', { name: 'Today' })).toBeTruthy()
    expect(screen.queryByRole('term')).toBeNull()
  })
})
