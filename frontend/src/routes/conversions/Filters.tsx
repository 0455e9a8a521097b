import { Button, Collapse, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState, type SyntheticEvent } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { conversionFilterOptionsQuery } from './operations'
import type { ConversionsView } from './rules'
import type { ConversionsSearch } from './search'

/** FilterValues are the filters as the form holds them (empty string: no filter). */
type FilterValues = Record<'from' | 'to' | 'offer' | 'goal' | 'publisher' | 'country' | 'click' | 'txn', string>

function fromSearch(s: ConversionsSearch): FilterValues {
  return {
    from: s.from ?? '',
    to: s.to ?? '',
    offer: s.offer ?? '',
    goal: s.goal ?? '',
    publisher: s.publisher ?? '',
    country: s.country ?? '',
    click: s.click ?? '',
    txn: s.txn ?? '',
  }
}

interface FiltersProps {
  search: ConversionsSearch
  view: ConversionsView
  /** onApply sets the filters in the URL (undefined removes one). */
  onApply: (filters: Partial<Record<keyof FilterValues, string | undefined>>) => void
}

/**
 * Filters narrow the list by date, offer, goal, publisher (admin), country, click ID and transaction ID.
 * The URL is the truth: the page remounts it (a key) when the URL's filters change.
 */
export function Filters({ search, view, onApply }: FiltersProps) {
  const [values, setValues] = useState<FilterValues>(() => fromSearch(search))
  const active = Object.values(fromSearch(search)).filter((v) => v !== '').length
  // Phones see the list first; the filters open on demand (or when some are set).
  const wide = useMediaQuery('(min-width: 48em)', true)
  const [toggled, setToggled] = useState<boolean | null>(null)
  const opened = toggled ?? (wide || active > 0)

  const options = useGraphQLQuery(conversionFilterOptionsQuery, { withPublishers: view.publisher }, { staleTime: 300_000 })
  const offers = (options.data?.offers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  const selectedOffer = offers.find((o) => o.id === values.offer)
  const goals = (selectedOffer ? [selectedOffer] : offers).flatMap((o) =>
    (o.goals ?? []).map((g) => ({ value: g.id, label: selectedOffer ? g.name : `${g.name} — ${o.name}` })),
  )
  const publishers = (options.data?.users?.edges ?? []).flatMap((e) =>
    e?.node ? [{ value: e.node.id, label: `${e.node.name} (${e.node.email})` }] : [],
  )

  const set = (key: keyof FilterValues) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
  }
  const apply = (next: FilterValues) => {
    const out: Partial<Record<keyof FilterValues, string | undefined>> = {}
    for (const [k, v] of Object.entries(next) as [keyof FilterValues, string][]) out[k] = v.trim() === '' ? undefined : v.trim()
    onApply(out)
  }
  const submit = (e: SyntheticEvent) => {
    e.preventDefault()
    apply(values)
  }
  const withOfferData = (value: string) => (value && !offers.some((o) => o.id === value) ? [{ value, label: `Offer ${value}` }] : [])

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Filters" role="search">
      <Button
        variant="subtle"
        size="compact-sm"
        aria-expanded={opened}
        aria-controls="conversion-filters"
        onClick={() => {
          setToggled(!opened)
        }}
      >
        {opened ? 'Hide filters' : 'Show filters'}
        {active > 0 ? ` (${String(active)} set)` : ''}
      </Button>
      <Collapse expanded={opened} id="conversion-filters">
        <SimpleGrid mt="sm" cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput type="date" label="From" value={values.from} onChange={(e) => { set('from')(e.currentTarget.value); }} max={values.to || undefined} />
          <TextInput type="date" label="To" value={values.to} onChange={(e) => { set('to')(e.currentTarget.value); }} min={values.from || undefined} />
          <Select
            label="Offer"
            placeholder="All offers"
            data={[...offers.map((o) => ({ value: o.id, label: o.name })), ...withOfferData(values.offer)]}
            value={values.offer || null}
            onChange={(v) => {
              setValues((old) => ({ ...old, offer: v ?? '', goal: '' }))
            }}
            searchable
            clearable
            nothingFoundMessage="No such offer"
          />
          <Select
            label="Goal"
            placeholder="All goals"
            data={values.goal && !goals.some((g) => g.value === values.goal) ? [...goals, { value: values.goal, label: `Goal ${values.goal}` }] : goals}
            value={values.goal || null}
            onChange={(v) => { set('goal')(v ?? ''); }}
            searchable
            clearable
            nothingFoundMessage="No such goal"
          />
          {view.publisher && (
            <Select
              label="Publisher"
              placeholder="All publishers"
              data={values.publisher && !publishers.some((p) => p.value === values.publisher) ? [...publishers, { value: values.publisher, label: `Publisher ${values.publisher}` }] : publishers}
              value={values.publisher || null}
              onChange={(v) => { set('publisher')(v ?? ''); }}
              searchable
              clearable
              nothingFoundMessage="No such publisher"
            />
          )}
          <TextInput
            label="Country"
            placeholder="e.g. DE"
            description="Two letters"
            value={values.country}
            onChange={(e) => { set('country')(e.currentTarget.value.toUpperCase()); }}
            maxLength={2}
            pattern="[A-Za-z]{2}"
          />
          <TextInput label="Click ID" value={values.click} onChange={(e) => { set('click')(e.currentTarget.value); }} inputMode="numeric" pattern="[0-9]*" />
          <TextInput label="Transaction ID" value={values.txn} onChange={(e) => { set('txn')(e.currentTarget.value); }} />
        </SimpleGrid>
        <Group mt="md" gap="sm">
          <Button type="submit">Apply filters</Button>
          <Button
            variant="default"
            onClick={() => {
              const empty = fromSearch({})
              setValues(empty)
              apply(empty)
            }}
          >
            Clear filters
          </Button>
        </Group>
      </Collapse>
    </Paper>
  )
}
