import { Badge, Text } from '@mantine/core'
import { AnchorLink } from '../../components/links'
import { formatGoalValue, isZero } from './money'
import { accessColors, accessNames, statusColors, statusNames, visibilityNames } from './labels'
import type { AccessState } from './rules'
import classes from './Offers.module.css'

/** StatusBadge is an offer's status. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={classes.badge}>
      <Badge color={statusColors[status] ?? 'gray'} variant="dot" data-testid="offer-status">
        {statusNames[status] ?? status}
      </Badge>
    </span>
  )
}

/** AccessBadge is where a publisher stands on an offer. */
export function AccessBadge({ state }: { state: AccessState }) {
  return (
    <span className={classes.badge}>
      <Badge color={accessColors[state]} variant="dot" data-testid="access-state" data-state={state}>
        {accessNames[state]}
      </Badge>
    </span>
  )
}

/** VisibilityText is an offer's visibility in words. */
export function VisibilityText({ visibility }: { visibility: string }) {
  return <Text size="sm">{visibilityNames[visibility] ?? visibility}</Text>
}

interface GoalMoney {
  id: string
  code: string
  name: string
  isDefault: boolean
  payoutType?: string | null
  payout?: string | null
  revenueType?: string | null
  revenue?: string | null
}

/**
 * GoalsSummary lists an offer's goals with the prices the viewer may see: a publisher its rate,
 * an advertiser its cost, the admin both (a zero payout on a draft says it is still to set).
 */
export function GoalsSummary({
  goals,
  currency,
  locale,
  payout,
  revenue,
}: {
  goals: readonly GoalMoney[] | null | undefined
  currency: string
  locale: string
  payout: boolean
  revenue: boolean
}) {
  if (!goals || goals.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No goals yet
      </Text>
    )
  }
  return (
    <ul className={classes.goals}>
      {goals.map((g) => (
        <li key={g.id}>
          <Text size="sm" span fw={g.isDefault ? 600 : undefined} title={g.name || g.code}>
            {g.code}
          </Text>
          {payout && (
            <Text size="sm" span data-testid="goal-payout">
              {' '}
              {revenue ? 'payout ' : ''}
              {formatGoalValue(g.payout, g.payoutType, currency, locale)}
            </Text>
          )}
          {revenue && (
            <Text size="sm" span c={payout ? 'dimmed' : undefined} data-testid="goal-revenue">
              {payout ? ' · revenue ' : ' '}
              {formatGoalValue(g.revenue, g.revenueType, currency, locale)}
            </Text>
          )}
          {payout && revenue && isZero(g.payout) && (
            <Text size="xs" span c="red.9">
              {' '}
              (payout not set)
            </Text>
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * FlowLink leads a publisher from an offer it may run to creating a flow for it, on the Flows
 * page: `/flows?offerId=<id>`. The id goes as a number (IDs stay below 2^53), so the URL reads
 * `?offerId=123` rather than the router's quoted string `?offerId=%22123%22`.
 */
export function FlowLink({ offerId, name }: { offerId: string; name: string }) {
  return (
    <AnchorLink to="/flows" search={{ offerId: Number(offerId) } as never} size="sm" aria-label={`Create a flow for ${name}`} data-testid="create-flow">
      Create a flow
    </AnchorLink>
  )
}
