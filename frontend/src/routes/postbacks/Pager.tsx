import { Button, Group, Select, Text } from '@mantine/core'
import { formatCount } from '../../format/money'
import { PAGE_SIZES } from './search'

interface PagerProps {
  total: number | null
  noun: [string, string]
  size: number
  locale: string
  hasPrevious: boolean
  hasNext: boolean
  onSize: (size: number) => void
  onPrevious: () => void
  onNext: () => void
  testId: string
  position: 'top' | 'bottom'
}

/** Pager is a log's count and page size (top) or its previous/next buttons (bottom). */
export function Pager({ total, noun, size, locale, hasPrevious, hasNext, onSize, onPrevious, onNext, testId, position }: PagerProps) {
  if (position === 'top') {
    return (
      <Group justify="space-between" gap="sm" align="flex-end">
        <Text size="sm" aria-live="polite" data-testid={testId}>
          {total === null ? 'Loading…' : `${formatCount(total, locale)} ${total === 1 ? noun[0] : noun[1]}`}
        </Text>
        <Select
          label="Rows per page"
          size="xs"
          w={120}
          data={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
          value={String(size)}
          allowDeselect={false}
          onChange={(v) => {
            if (v) onSize(Number(v))
          }}
        />
      </Group>
    )
  }
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" disabled={!hasPrevious} onClick={onPrevious}>
        Previous page
      </Button>
      <Button variant="default" disabled={!hasNext} onClick={onNext}>
        Next page
      </Button>
    </Group>
  )
}
