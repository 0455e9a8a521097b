// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { installDomShims, renderWithMantine } from '../../test/render'
import { SecretField } from './SecretField'

beforeAll(installDomShims)
afterEach(cleanup)

describe('SecretField', () => {
  it('hides a masked secret until Show, and names its buttons', () => {
    renderWithMantine(<SecretField label="postback secret" value="s3cr3t-value-abcd" masked testId="secret" />)
    const text = screen.getByTestId('secret')
    expect(text.textContent).not.toContain('s3cr3t')
    expect(text.textContent).toMatch(/abcd$/)
    expect(screen.getByRole('button', { name: 'Copy the postback secret' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Show the postback secret' }))
    expect(text.textContent).toBe('s3cr3t-value-abcd')
    expect(screen.getByRole('button', { name: 'Hide the postback secret' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('shows an unmasked value at once, without Show', () => {
    renderWithMantine(<SecretField label="postback URL" value="https://t.example/postback?key=k" testId="url" />)
    expect(screen.getByTestId('url').textContent).toBe('https://t.example/postback?key=k')
    expect(screen.queryByRole('button', { name: /^Show/ })).toBeNull()
  })
})
