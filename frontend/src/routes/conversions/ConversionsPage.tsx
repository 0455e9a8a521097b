import { Text } from '@mantine/core'
import { getRouteApi } from '@tanstack/react-router'
import { PlaceholderPage } from '../../components/PlaceholderPage'

const route = getRouteApi('/app/conversions')

const statusNames = { PENDING: 'pending', APPROVED: 'approved', CANCELLED: 'cancelled' } as const

/** ConversionsPage is the conversions list (SPEC §7); this part shows the status its URL asks for. */
export function ConversionsPage() {
  const { status } = route.useSearch()
  return (
    <PlaceholderPage
      title="Conversions"
      what="Every conversion with status tabs, filters, bulk approve or cancel with a reason, each one's status history and the click behind it."
    >
      {status && (
        <Text mt="md" data-testid="conversions-status">
          This link lists the {statusNames[status]} conversions.
        </Text>
      )}
    </PlaceholderPage>
  )
}
