/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PublisherBalance {\n    balances {\n      currency\n      credit\n      pendingCredit\n    }\n    settings {\n      minWithdrawal\n    }\n  }\n": typeof types.PublisherBalanceDocument,
    "\n  query BalancePendingConversions($first: Int!) {\n    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          createdAt\n          payout\n          currency\n          offer {\n            id\n            name\n          }\n          goal {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BalancePendingConversionsDocument,
    "\n  query LedgerPage(\n    $where: LedgerEntryWhereInput\n    $first: Int!\n    $after: Cursor\n    $mine: Boolean!\n    $theirs: Boolean!\n    $publisherWhere: UserWhereInput\n  ) {\n    balances @include(if: $mine) {\n      currency\n      credit\n      pendingCredit\n    }\n    users(where: $publisherWhere, first: 1) @include(if: $theirs) {\n      edges {\n        node {\n          id\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          account\n          currency\n          amount\n          reason\n        }\n      }\n    }\n  }\n": typeof types.LedgerPageDocument,
    "\n  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {\n    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          processedAt\n          status\n          currency\n          amount\n          details\n          comment\n          publisher @include(if: $withPublisher) {\n            id\n            email\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BalanceWithdrawalsDocument,
    "\n  query PublishersBalances($where: UserWhereInput, $first: Int!) {\n    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          name\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n  }\n": typeof types.PublishersBalancesDocument,
    "\n  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {\n    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {\n      id\n      status\n    }\n  }\n": typeof types.RequestWithdrawalDocument,
    "\n  mutation PayWithdrawal($id: ID!, $comment: String) {\n    payWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": typeof types.PayWithdrawalDocument,
    "\n  mutation RejectWithdrawal($id: ID!, $comment: String) {\n    rejectWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": typeof types.RejectWithdrawalDocument,
    "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n": typeof types.OverviewTotalsDocument,
    "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n": typeof types.OverviewChartDocument,
    "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n": typeof types.OverviewTopOffersDocument,
    "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n": typeof types.OverviewPendingDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query PublisherBalance {\n    balances {\n      currency\n      credit\n      pendingCredit\n    }\n    settings {\n      minWithdrawal\n    }\n  }\n": types.PublisherBalanceDocument,
    "\n  query BalancePendingConversions($first: Int!) {\n    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          createdAt\n          payout\n          currency\n          offer {\n            id\n            name\n          }\n          goal {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BalancePendingConversionsDocument,
    "\n  query LedgerPage(\n    $where: LedgerEntryWhereInput\n    $first: Int!\n    $after: Cursor\n    $mine: Boolean!\n    $theirs: Boolean!\n    $publisherWhere: UserWhereInput\n  ) {\n    balances @include(if: $mine) {\n      currency\n      credit\n      pendingCredit\n    }\n    users(where: $publisherWhere, first: 1) @include(if: $theirs) {\n      edges {\n        node {\n          id\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          account\n          currency\n          amount\n          reason\n        }\n      }\n    }\n  }\n": types.LedgerPageDocument,
    "\n  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {\n    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          processedAt\n          status\n          currency\n          amount\n          details\n          comment\n          publisher @include(if: $withPublisher) {\n            id\n            email\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BalanceWithdrawalsDocument,
    "\n  query PublishersBalances($where: UserWhereInput, $first: Int!) {\n    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          name\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n  }\n": types.PublishersBalancesDocument,
    "\n  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {\n    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {\n      id\n      status\n    }\n  }\n": types.RequestWithdrawalDocument,
    "\n  mutation PayWithdrawal($id: ID!, $comment: String) {\n    payWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": types.PayWithdrawalDocument,
    "\n  mutation RejectWithdrawal($id: ID!, $comment: String) {\n    rejectWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": types.RejectWithdrawalDocument,
    "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n": types.OverviewTotalsDocument,
    "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n": types.OverviewChartDocument,
    "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n": types.OverviewTopOffersDocument,
    "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n": types.OverviewPendingDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublisherBalance {\n    balances {\n      currency\n      credit\n      pendingCredit\n    }\n    settings {\n      minWithdrawal\n    }\n  }\n"): typeof import('./graphql').PublisherBalanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BalancePendingConversions($first: Int!) {\n    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          createdAt\n          payout\n          currency\n          offer {\n            id\n            name\n          }\n          goal {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BalancePendingConversionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedgerPage(\n    $where: LedgerEntryWhereInput\n    $first: Int!\n    $after: Cursor\n    $mine: Boolean!\n    $theirs: Boolean!\n    $publisherWhere: UserWhereInput\n  ) {\n    balances @include(if: $mine) {\n      currency\n      credit\n      pendingCredit\n    }\n    users(where: $publisherWhere, first: 1) @include(if: $theirs) {\n      edges {\n        node {\n          id\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          account\n          currency\n          amount\n          reason\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LedgerPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {\n    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          processedAt\n          status\n          currency\n          amount\n          details\n          comment\n          publisher @include(if: $withPublisher) {\n            id\n            email\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BalanceWithdrawalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishersBalances($where: UserWhereInput, $first: Int!) {\n    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          name\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PublishersBalancesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {\n    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RequestWithdrawalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayWithdrawal($id: ID!, $comment: String) {\n    payWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').PayWithdrawalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectWithdrawal($id: ID!, $comment: String) {\n    rejectWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RejectWithdrawalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n"): typeof import('./graphql').OverviewTotalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n"): typeof import('./graphql').OverviewChartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n"): typeof import('./graphql').OverviewTopOffersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').OverviewPendingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').MeDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
