import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { GraphQLRequestError, request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import { session } from '../../session/session'
import { createFlowSchema, mayRun, type CreateFlowValues } from './createFlow'
import forms from '../../components/forms.module.css'
import tables from '../../components/tables.module.css'
import { landingShares } from './link'
import { createFlowMutation, runnableOffersQuery } from './operations'

interface CreateFlowModalProps {
  /** offerId is chosen when the form opens (the Offers page's "create a flow" link). */
  offerId?: string
  onClose: () => void
  onCreated: (flowId: string) => void
}

/** CreateFlowModal creates a flow for an offer the publisher may run, rotating the landings it picks. */
export function CreateFlowModal({ offerId, onClose, onCreated }: CreateFlowModalProps) {
  const queryClient = useQueryClient()
  const q = useGraphQLQuery(runnableOffersQuery, {})
  const all = useMemo(() => q.data?.offers.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [], [q.data])
  const runnable = all.filter(mayRun)
  const preselected = offerId ? all.find((o) => o.id === offerId) : undefined
  const blocked = offerId !== undefined && q.data !== undefined && (preselected === undefined || !mayRun(preselected))

  const form = useForm<CreateFlowValues>({
    resolver: zodResolver(createFlowSchema),
    defaultValues: { offerID: offerId ?? '', name: '', landingIDs: [] },
  })
  const chosenId = useWatch({ control: form.control, name: 'offerID' })
  const chosenLandings = useWatch({ control: form.control, name: 'landingIDs' })
  const offer = runnable.find((o) => o.id === chosenId)
  const landings = offer?.landings ?? []
  const rotating = chosenLandings.length > 0 ? landings.filter((l) => chosenLandings.includes(l.id)) : landings
  const shares = landingShares(rotating)

  const m = useMutation({
    mutationFn: (v: CreateFlowValues) =>
      request(
        createFlowMutation,
        { input: { offerID: v.offerID, name: v.name.trim() || undefined, landingIDs: v.landingIDs.length > 0 ? v.landingIDs : undefined } },
        { token: session.token() },
      ),
    onSuccess: async (d) => {
      await queryClient.invalidateQueries({ queryKey: ['FlowsList'] })
      onCreated(d.createFlow.id)
    },
  })

  return (
    <Modal opened centered size="lg" onClose={onClose} title="Create a flow" closeButtonProps={{ 'aria-label': 'Close' }}>
      {q.isError ? (
        <ErrorState title="Could not load the offers" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={160} />
      ) : (
        <form
          noValidate
          className={forms.form}
          onSubmit={(e) =>
            void form.handleSubmit((v) => {
              m.mutate(v)
            })(e)
          }
        >
          <Stack gap="sm">
            {blocked && (
              <Alert color="yellow" variant="default" title="You may not run this offer yet" data-testid="offer-blocked">
                {preselected
                  ? 'It needs the admin’s approval first: request access on the Offers page, then come back.'
                  : 'It is not active, or not open to you.'}{' '}
                <AnchorLink to="/offers">Go to the offers</AnchorLink>
              </Alert>
            )}
            {runnable.length === 0 ? (
              <Text size="sm">
                No offer is open to you yet. <AnchorLink to="/offers">Find an offer</AnchorLink> and request access.
              </Text>
            ) : (
              <Controller
                control={form.control}
                name="offerID"
                render={({ field }) => (
                  <Select
                    label="Offer"
                    placeholder="Choose an offer"
                    searchable
                    data={runnable.map((o) => ({ value: o.id, label: `${o.name} (${o.currency})` }))}
                    value={field.value || null}
                    onChange={(v) => {
                      field.onChange(v ?? '')
                      form.setValue('landingIDs', [])
                    }}
                    error={form.formState.errors.offerID?.message}
                    data-testid="create-offer"
                    nothingFoundMessage="No offer of that name is open to you"
                  />
                )}
              />
            )}
            <TextInput
              label="Name"
              description="Your name for the flow, e.g. where its traffic comes from. Optional."
              maxLength={200}
              error={form.formState.errors.name?.message}
              data-testid="create-name"
              {...form.register('name')}
            />
            {offer && landings.length > 0 && (
              <Controller
                control={form.control}
                name="landingIDs"
                render={({ field }) => (
                  <Checkbox.Group
                    label="Landings to rotate"
                    description="None chosen: all the offer’s active landings. Visitors are shared by the landings’ weights."
                    value={field.value}
                    onChange={field.onChange}
                  >
                    <Table mt={6} data-testid="create-landings">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Landing</Table.Th>
                          <Table.Th scope="col" className={tables.numeric}>
                            Weight
                          </Table.Th>
                          <Table.Th scope="col" className={tables.numeric}>
                            Share
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {landings.map((l) => (
                          <Table.Tr key={l.id}>
                            <Table.Td>
                              <Checkbox value={l.id} label={l.name} description={l.active ? l.url : `${l.url} — inactive, takes no traffic`} styles={{ description: { overflowWrap: 'anywhere' } }} />
                            </Table.Td>
                            <Table.Td className={tables.numeric}>{l.weight}</Table.Td>
                            <Table.Td className={tables.numeric}>{rotating.some((r) => r.id === l.id) ? `${String(shares[l.id] ?? 0)} %` : '—'}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Checkbox.Group>
                )}
              />
            )}
            {offer && landings.length === 0 && (
              <Text size="sm" c="dimmed">
                This offer has a single landing page: its visitors all go there.
              </Text>
            )}
            {m.isError && (
              <Alert color="red" variant="light" role="alert" title="Could not create the flow">
                {m.error instanceof GraphQLRequestError && m.error.code === 'FORBIDDEN'
                  ? 'You may not run this offer: it needs the admin’s approval first.'
                  : m.error instanceof GraphQLRequestError && m.error.code === 'BAD_USER_INPUT'
                    ? 'The offer is no longer active, or a landing is not the offer’s. Reload and try again.'
                    : errorMessage(m.error)}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={m.isPending} disabled={runnable.length === 0} data-testid="create-submit">
                Create flow
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
