import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState, type SyntheticEvent } from 'react'
import { OUTCOME_NAMES, filterPatch, fromSearch, type FilterPatch, type Values } from './logFilters'
import { RESULT_NAMES } from './protocol'
import { OUTCOMES, RESULTS, type PostbacksSearch } from './search'

interface LogFiltersProps {
  kind: 'incoming' | 'outgoing'
  search: PostbacksSearch
  onApply: (patch: FilterPatch) => void
}

/**
 * LogFilters narrow a log: the result (incoming) or outcome (outgoing), the HTTP status, the click
 * ID, the transaction ID (incoming) and a date range. The URL is the truth: the page remounts it
 * (a key) when the URL's filters change.
 */
export function LogFilters({ kind, search, onApply }: LogFiltersProps) {
  const [values, setValues] = useState<Values>(() => fromSearch(search))
  const active = Object.values(fromSearch(search)).filter((v) => v !== '').length
  const wide = useMediaQuery('(min-width: 48em)', true)
  const [toggled, setToggled] = useState<boolean | null>(null)
  const opened = toggled ?? (wide || active > 0)
  const set = (key: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
  }
  const submit = (e: SyntheticEvent) => {
    e.preventDefault()
    onApply(filterPatch(values))
  }
  const panel = `${kind}-filters`

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label={kind === 'incoming' ? 'Incoming log filters' : 'Outgoing log filters'} role="search">
      <Button
        variant="subtle"
        size="compact-sm"
        aria-expanded={opened}
        aria-controls={panel}
        onClick={() => {
          setToggled(!opened)
        }}
      >
        {opened ? 'Hide filters' : 'Show filters'}
        {active > 0 ? ` (${String(active)} set)` : ''}
      </Button>
      {/* No Collapse: it measured the grid before its responsive columns applied and kept that height. */}
      <div id={panel} hidden={!opened}>
        <SimpleGrid mt="sm" cols={{ base: 1, xs: 2, md: kind === 'incoming' ? 6 : 5 }} spacing="sm">
          {kind === 'incoming' ? (
            <Select
              label="Result"
              placeholder="All results"
              data={RESULTS.map((r) => ({ value: r, label: RESULT_NAMES[r] ?? r }))}
              value={values.result || null}
              onChange={(v) => {
                set('result')(v ?? '')
              }}
              clearable
            />
          ) : (
            <Select
              label="Outcome"
              placeholder="All outcomes"
              data={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_NAMES[o] }))}
              value={values.outcome || null}
              onChange={(v) => {
                set('outcome')(v ?? '')
              }}
              clearable
            />
          )}
          <TextInput
            label="HTTP status"
            placeholder="e.g. 404"
            value={values.http}
            onChange={(e) => {
              set('http')(e.currentTarget.value)
            }}
            inputMode="numeric"
            pattern="[1-5][0-9]{2}"
            maxLength={3}
          />
          <TextInput
            label="Click ID"
            value={values.click}
            onChange={(e) => {
              set('click')(e.currentTarget.value)
            }}
            inputMode="numeric"
            pattern="[0-9]*"
          />
          {kind === 'incoming' && (
            <TextInput
              label="Transaction ID"
              value={values.txn}
              onChange={(e) => {
                set('txn')(e.currentTarget.value)
              }}
            />
          )}
          <TextInput type="date" label="From" value={values.from} max={values.to || undefined} onChange={(e) => { set('from')(e.currentTarget.value) }} />
          <TextInput type="date" label="To" value={values.to} min={values.from || undefined} onChange={(e) => { set('to')(e.currentTarget.value) }} />
        </SimpleGrid>
        <Group mt="md" gap="sm">
          <Button type="submit">Apply filters</Button>
          <Button
            variant="default"
            onClick={() => {
              const empty = fromSearch({})
              setValues(empty)
              onApply(filterPatch(empty))
            }}
          >
            Clear filters
          </Button>
        </Group>
      </div>
    </Paper>
  )
}
