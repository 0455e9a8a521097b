import { Alert, Button, Group, List, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { errorMessage } from '../../api/errors'
import type { ConversionRowFragment } from '../../gql/graphql'
import { session } from '../../session/session'
import {
  CANCEL_REASONS,
  eligible,
  failureText,
  moneySentence,
  type BulkAction,
  type CancelReasonValue,
  type RowFailure,
} from './bulk'
import { approveConversionsMutation, cancelConversionsMutation } from './operations'
import { requestPartial } from './mutate'
import type { ConversionsView } from './rules'

/** BulkOutcome is what a bulk action did: how many changed and which did not, and why. */
export interface BulkOutcome {
  action: BulkAction
  changed: number
  failures: RowFailure[]
}

interface BulkActionsProps {
  selected: ConversionRowFragment[]
  view: ConversionsView
  locale: string
  onDone: (outcome: BulkOutcome) => void
  onClear: () => void
}

/** BulkActions approves or cancels the selected conversions after a confirmation that names the money. */
export function BulkActions({ selected, view, locale, onDone, onClear }: BulkActionsProps) {
  const [action, setAction] = useState<BulkAction | null>(null)
  const [reason, setReason] = useState<CancelReasonValue>('DECLINED')
  const [comment, setComment] = useState('')

  const rows = action ? eligible(action, selected) : []
  const skipped = selected.length - rows.length

  const mutation = useMutation({
    mutationFn: async (vars: { action: BulkAction; ids: string[]; reason: CancelReasonValue; comment: string }) => {
      const comment = vars.comment.trim() || null
      if (vars.action === 'approve') {
        const r = await requestPartial(approveConversionsMutation, { ids: vars.ids, comment }, session.token())
        return { action: vars.action, changed: r.data.approveConversions.length, failures: r.failures }
      }
      const r = await requestPartial(cancelConversionsMutation, { ids: vars.ids, reason: vars.reason, comment }, session.token())
      return { action: vars.action, changed: r.data.cancelConversions.length, failures: r.failures }
    },
    onSuccess: (outcome: BulkOutcome) => {
      setAction(null)
      setComment('')
      onDone(outcome)
    },
  })

  const open = (a: BulkAction) => {
    mutation.reset()
    setAction(a)
  }

  const n = selected.length
  return (
    <>
      <Paper withBorder p="sm" radius="md" data-testid="bulk-bar">
        <Group justify="space-between" gap="sm">
          <Text size="sm" aria-live="polite">
            {n === 0 ? 'Select conversions to approve or cancel them.' : `${String(n)} selected`}
          </Text>
          <Group gap="xs">
            {n > 0 && (
              <Button variant="subtle" size="xs" onClick={onClear}>
                Clear selection
              </Button>
            )}
            <Button size="xs" color="teal.9" disabled={eligible('approve', selected).length === 0} onClick={() => { open('approve'); }}>
              Approve…
            </Button>
            <Button size="xs" color="red.9" disabled={eligible('cancel', selected).length === 0} onClick={() => { open('cancel'); }}>
              Cancel…
            </Button>
          </Group>
        </Group>
      </Paper>

      <Modal.Root
        opened={action !== null}
        onClose={() => {
          if (!mutation.isPending) setAction(null)
        }}
        data-testid="bulk-confirm"
      >
        <Modal.Overlay />
        <Modal.Content>
          {/* role="none": Mantine's <header> would be a second banner landmark outside <main>. */}
          <Modal.Header role="none">
            <Modal.Title fw={600}>{action === 'approve' ? 'Approve conversions' : 'Cancel conversions'}</Modal.Title>
            <Modal.CloseButton aria-label="Close without changing anything" />
          </Modal.Header>
          <Modal.Body>
            {action && (
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  mutation.mutate({ action, ids: rows.map((r) => r.id), reason, comment })
                }}
              >
                <Stack gap="md">
                  <Text data-testid="bulk-money">{moneySentence(action, rows, view, locale)}</Text>
                  {skipped > 0 && (
                    <Text size="sm" c="dimmed">
                      {skipped} of the selected {skipped === 1 ? 'is' : 'are'} {action === 'approve' ? 'not pending' : 'already cancelled'} and
                      {skipped === 1 ? ' is' : ' are'} left out.
                    </Text>
                  )}
                  {action === 'cancel' && (
                    <Select
                      label="Reason"
                      data={CANCEL_REASONS.map((r) => ({ value: r.value, label: r.label }))}
                      value={reason}
                      onChange={(v) => {
                        if (v) setReason(v)
                      }}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                    />
                  )}
                  <Textarea
                    label="Comment"
                    description="Kept in each conversion’s history."
                    value={comment}
                    onChange={(e) => {
                      setComment(e.currentTarget.value)
                    }}
                    maxLength={500}
                    autosize
                    minRows={2}
                  />
                  {mutation.isError && (
                    <Alert color="red" variant="light" role="alert" title="Nothing was changed">
                      {errorMessage(mutation.error)}
                    </Alert>
                  )}
                  <Group justify="flex-end" gap="sm">
                    <Button variant="default" onClick={() => { setAction(null); }} disabled={mutation.isPending}>
                      Keep them as they are
                    </Button>
                    <Button type="submit" color={action === 'approve' ? 'teal.9' : 'red.9'} loading={mutation.isPending}>
                      {action === 'approve' ? `Approve ${String(rows.length)}` : `Cancel ${String(rows.length)}`}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  )
}

/** BulkResult reports a finished bulk action: what changed, and each conversion that did not. */
export function BulkResult({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const verb = outcome.action === 'approve' ? 'approved' : 'cancelled'
  const ok = outcome.failures.length === 0
  return (
    <Alert
      color={ok ? 'teal' : 'yellow'}
      variant="default"
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      title={`${String(outcome.changed)} ${outcome.changed === 1 ? 'conversion' : 'conversions'} ${verb}`}
      data-testid="bulk-result"
    >
      {!ok && (
        <>
          <Text size="sm">
            {outcome.failures.length} {outcome.failures.length === 1 ? 'was' : 'were'} not {verb}:
          </Text>
          <List size="sm">
            {outcome.failures.map((f) => (
              <List.Item key={f.id}>{failureText(outcome.action, f)}</List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  )
}
