import { Paper, SimpleGrid, Skeleton, Text, Title } from '@mantine/core'
import { formatMoney } from '../../format/money'

interface BalanceCardsProps {
  balances: readonly { currency: string; credit: string; pendingCredit: string }[] | undefined
  locale: string
}

/** BalanceCards shows the credit and the pending credit in each currency. */
export function BalanceCards({ balances, locale }: BalanceCardsProps) {
  if (!balances) {
    return (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Skeleton height={120} radius="md" />
        <Skeleton height={120} radius="md" />
      </SimpleGrid>
    )
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="balance-cards">
      {balances.map((b) => (
        <Paper key={b.currency} withBorder p="md" radius="md" component="section" aria-labelledby={`balance-${b.currency}`}>
          <Title order={2} size="h4" id={`balance-${b.currency}`}>
            {b.currency}
          </Title>
          <Text size="sm" c="dimmed" mt="xs">
            Credit (available)
          </Text>
          <Text fz={28} fw={700} data-testid={`credit-${b.currency}`} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(b.credit, b.currency, locale)}
          </Text>
          <Text size="sm" c="dimmed" mt="xs">
            Pending credit (waits for approval)
          </Text>
          <Text fz="lg" fw={600} data-testid={`pending-${b.currency}`} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(b.pendingCredit, b.currency, locale)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  )
}
