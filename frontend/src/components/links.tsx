import { Anchor, NavLink, type AnchorProps, type NavLinkProps } from '@mantine/core'
import { createLink, type LinkComponent } from '@tanstack/react-router'
import type { AnchorHTMLAttributes, Ref } from 'react'

/**
 * Mantine components as typed router links: `to`, `params` and `search` are checked against the
 * route tree (Mantine's polymorphic `component={Link}` loses those types).
 */

type MantineAnchorProps = AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }

function MantineAnchor(props: MantineAnchorProps) {
  return <Anchor component="a" {...props} />
}

const CreatedAnchorLink = createLink(MantineAnchor)

/** AnchorLink is a Mantine Anchor that navigates within the dashboard. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => <CreatedAnchorLink preload="intent" {...props} />

type MantineNavLinkProps = Omit<NavLinkProps, 'href'> &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, keyof NavLinkProps> & { ref?: Ref<HTMLAnchorElement> }

function MantineNavLink(props: MantineNavLinkProps) {
  return <NavLink component="a" {...props} />
}

const CreatedNavLink = createLink(MantineNavLink)

/** NavLinkItem is a Mantine NavLink that navigates within the dashboard. */
export const NavLinkItem: LinkComponent<typeof MantineNavLink> = (props) => <CreatedNavLink preload="intent" {...props} />
