import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import '@mantine/dates/styles.css'
import { useTimezoneOptions } from '../../preferences/timezone'
import type { Permissions } from '../../session/permissions'
import { DIMENSION_LABELS, dimensionsFor, filtersFor } from './columns'
import { isSub, MAX_SUB_VALUES, SUB_FIELDS, type StatDimensionName, type SubField } from './search'
import { PRESETS, presetOf, presetRange, type StatisticsView } from './view'

export interface Option {
  value: string
  label: string
}

/** FilterChange is a change to the view the filters ask for (applied to the URL by the page). */
export interface FilterChange {
  from?: string
  to?: string
  groupBy?: StatDimensionName[]
  tz?: string
  offers?: string[]
  flows?: string[]
  publishers?: string[]
  countries?: string[]
  subs?: Partial<Record<SubField, string[]>>
  basis?: 'CLICK' | 'CONVERSION'
}

interface FiltersProps {
  permissions: Permissions
  view: StatisticsView
  today: string
  offers: Option[]
  flows: Option[]
  publishers: Option[]
  onChange: (change: FilterChange) => void
  onReset: () => void
}

/** Filters are the report's controls: group by, days, timezone, date basis, offers, flows, publishers, countries, sub1–sub5. */
export function Filters({ permissions, view, today, offers, flows, publishers, onChange, onReset }: FiltersProps) {
  const access = filtersFor(permissions)
  const zones = useTimezoneOptions(view.timezone)
  const preset = presetOf(view.range, today)
  const dimensionOptions = dimensionsFor(permissions).map((d) => ({ value: d, label: DIMENSION_LABELS[d] }))
  // Known names for the IDs in the URL, and the IDs themselves when a name is unknown.
  const withSelected = (options: Option[], selected: string[], prefix: string) => [
    ...options,
    ...selected.filter((id) => !options.some((o) => o.value === id)).map((id) => ({ value: id, label: `${prefix} ${id}` })),
  ]
  return (
    <Stack gap="sm" component="section" aria-label="Report settings">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
        <MultiSelect
          label="Group by, in order"
          data={dimensionOptions}
          value={view.groupBy}
          onChange={(v) => {
            onChange({ groupBy: v })
          }}
          clearable={false}
          searchable
          data-testid="group-by"
        />
        <Select
          label="Period"
          data={[...PRESETS, { value: 'custom', label: 'Custom' }]}
          value={preset}
          allowDeselect={false}
          onChange={(v) => {
            if (!v || v === 'custom') return
            onChange(presetRange(v, today))
          }}
        />
        <DatePickerInput
          type="range"
          label="Days"
          value={[view.range.from, view.range.to]}
          maxDate={today}
          allowSingleDateInRange
          valueFormat="MMM D, YYYY"
          onChange={(v) => {
            const [from, to] = v
            if (from && to) onChange({ from: from.slice(0, 10), to: to.slice(0, 10) })
          }}
        />
        <Select
          label="Report timezone"
          data={zones.data}
          onDropdownOpen={zones.onDropdownOpen}
          value={view.timezone}
          searchable
          allowDeselect={false}
          limit={50}
          nothingFoundMessage="No such timezone"
          onChange={(v) => {
            if (v) onChange({ tz: v })
          }}
        />
        <MultiSelect
          label="Offers"
          placeholder={view.offerIDs.length === 0 ? 'All offers' : undefined}
          data={withSelected(offers, view.offerIDs, 'Offer')}
          value={view.offerIDs}
          onChange={(v) => {
            onChange({ offers: v })
          }}
          searchable
          clearable
        />
        {access.flows && (
          <MultiSelect
            label="Flows"
            placeholder={view.flowIDs.length === 0 ? 'All flows' : undefined}
            data={withSelected(flows, view.flowIDs, 'Flow')}
            value={view.flowIDs}
            onChange={(v) => {
              onChange({ flows: v })
            }}
            searchable
            clearable
          />
        )}
        {access.publishers && (
          <MultiSelect
            label="Publishers"
            placeholder={view.publisherIDs.length === 0 ? 'All publishers' : undefined}
            data={withSelected(publishers, view.publisherIDs, 'Publisher')}
            value={view.publisherIDs}
            onChange={(v) => {
              onChange({ publishers: v })
            }}
            searchable
            clearable
          />
        )}
        <TagsInput
          label="Countries"
          description="Two-letter codes, e.g. US, DE"
          placeholder={view.countries.length === 0 ? 'All countries' : undefined}
          value={view.countries}
          onChange={(v) => {
            onChange({ countries: [...new Set(v.map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))] })
          }}
          clearable
        />
        {SUB_FIELDS.map((f) => (
          <TagsInput
            key={f}
            label={`Sub${f.slice(3)} labels`}
            description={f === 'sub1' ? 'Keep only traffic with these labels; Enter adds one' : undefined}
            placeholder={view.subs[f].length === 0 ? `Any ${f}` : undefined}
            value={view.subs[f]}
            maxTags={MAX_SUB_VALUES}
            splitChars={[',']}
            onChange={(v) => {
              onChange({ subs: { [f]: [...new Set(v.map((s) => s.trim()).filter(isSub))] } })
            }}
            clearable
            data-testid={`filter-${f}`}
          />
        ))}
        <Select
          label="Count conversions on the day of"
          data={[
            { value: 'CLICK', label: 'Their click' },
            { value: 'CONVERSION', label: 'The conversion' },
          ]}
          value={view.dateBasis}
          allowDeselect={false}
          onChange={(v) => {
            if (v === 'CLICK' || v === 'CONVERSION') onChange({ basis: v })
          }}
        />
      </SimpleGrid>
      <Group justify="flex-end" gap="xs">
        <Button variant="subtle" size="xs" onClick={onReset}>
          Reset filters
        </Button>
      </Group>
    </Stack>
  )
}
