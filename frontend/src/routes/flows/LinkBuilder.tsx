import { Box, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { CopyField } from './CopyField'
import classes from './Flows.module.css'
import tables from '../../components/tables.module.css'
import { placeholderFor, placeholderProblem, SUB_KEYS, trackingLink, type SubSettings } from './link'

/**
 * LinkBuilder builds the flow's tracking link with sub1…sub5: each label left out, a fixed
 * value, or the placeholder the publisher's tracker fills in; the result is copied with one click.
 * The labels live in the page's URL (the parent keeps them), so a reload keeps them.
 */
export function LinkBuilder({ trackingURL, subs, onSubs }: { trackingURL: string; subs: SubSettings; onSubs: (subs: SubSettings) => void }) {
  const setSubs = (f: (all: SubSettings) => SubSettings) => {
    onSubs(f(subs))
  }
  const link = trackingLink(trackingURL, subs)
  return (
    <Box component="section" aria-labelledby="link-title">
      <Title order={2} size="h3" id="link-title" mb={4}>
        Tracking link
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Send your visitors here. Labels sub1–sub5 come back in statistics, conversions and your postbacks: fill in a value, or a placeholder your tracker replaces.
      </Text>
      <Stack gap="sm">
        <CopyField label="Tracking link" value={link} copyLabel="Copy the tracking link" testId="tracking-link" />
        <Box className={tables.scroll}>
          <Table verticalSpacing={6} data-testid="link-labels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Label</Table.Th>
                <Table.Th scope="col">In the link</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SUB_KEYS.map((key) => {
                const s = subs[key]
                const problem = s.mode === 'placeholder' ? placeholderProblem(s.value) : null
                return (
                  <Table.Tr key={key}>
                    <Table.Td className={classes.code}>{key}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="wrap" align="start">
                      <SegmentedControl
                        size="xs"
                        aria-label={`${key} in the link`}
                        value={s.mode}
                        data={[
                          { value: 'none', label: 'Off' },
                          { value: 'value', label: 'Value' },
                          { value: 'placeholder', label: 'Placeholder' },
                        ]}
                        onChange={(v) => {
                          const mode = v
                          setSubs((all) => ({
                            ...all,
                            [key]: { mode, value: mode === 'placeholder' ? placeholderFor(key) : mode === 'value' && all[key].mode === 'value' ? all[key].value : '' },
                          }))
                        }}
                      />
                      <TextInput
                        size="xs"
                        aria-label={`${key} ${s.mode === 'placeholder' ? 'placeholder' : 'value'}`}
                        value={s.value}
                        disabled={s.mode === 'none'}
                        placeholder={s.mode === 'none' ? 'Not in the link' : s.mode === 'placeholder' ? placeholderFor(key) : 'e.g. campaign-42'}
                        error={problem}
                        maxLength={255}
                        onChange={(e) => {
                          const value = e.currentTarget.value
                          setSubs((all) => ({ ...all, [key]: { ...all[key], value } }))
                        }}
                        data-testid={`link-${key}`}
                        style={{ flex: 1, minWidth: '9rem' }}
                      />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Box>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Also accepted: utm_source, utm_medium, utm_campaign, utm_content, utm_term and site; any other parameter passes through to the landing page.
          </Text>
        </Group>
      </Stack>
    </Box>
  )
}
