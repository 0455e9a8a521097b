import { Select } from '@mantine/core'
import { timezoneStore, useTimezone, useTimezoneOptions } from '../../preferences/timezone'

interface TimezoneSelectProps {
  /** id distinguishes the header's selector from the navigation's (phones). */
  id: string
  w?: number | string
  /** compact leaves the visible label out (the header); the name stays for assistive technology. */
  compact?: boolean
}

/** TimezoneSelect chooses the timezone every date and report is shown in. */
export function TimezoneSelect({ id, w = 220, compact = false }: TimezoneSelectProps) {
  const timezone = useTimezone()
  const { data, onDropdownOpen } = useTimezoneOptions(timezone)
  return (
    <Select
      id={id}
      label={compact ? undefined : 'Timezone'}
      aria-label="Timezone"
      title="Timezone of dates and reports"
      data={data}
      onDropdownOpen={onDropdownOpen}
      value={timezone}
      searchable
      allowDeselect={false}
      limit={50}
      nothingFoundMessage="No such timezone"
      w={w}
      size="sm"
      comboboxProps={{ withinPortal: true }}
      onChange={(value) => {
        if (value) timezoneStore.set(value)
      }}
    />
  )
}
