package stats

import (
	"fmt"
	"io"
	"strconv"

	"entgo.io/contrib/entgql"

	"github.com/cpanet/cpanet/internal/money"
)

// Dimension is what a report groups by (GraphQL StatDimension).
type Dimension string

// The dimensions of SPEC §6.
const (
	Date       Dimension = "DATE"
	Hour       Dimension = "HOUR"
	Offer      Dimension = "OFFER"
	Goal       Dimension = "GOAL"
	Flow       Dimension = "FLOW"
	Publisher  Dimension = "PUBLISHER"
	Advertiser Dimension = "ADVERTISER"
	Landing    Dimension = "LANDING"
	Site       Dimension = "SITE"
	Country    Dimension = "COUNTRY"
	Device     Dimension = "DEVICE"
	Sub1       Dimension = "SUB1"
	Sub2       Dimension = "SUB2"
	Sub3       Dimension = "SUB3"
	Sub4       Dimension = "SUB4"
	Sub5       Dimension = "SUB5"
)

// Dimensions lists every dimension in the order of SPEC §6.
var Dimensions = []Dimension{Date, Hour, Offer, Goal, Flow, Publisher, Advertiser, Landing,
	Site, Country, Device, Sub1, Sub2, Sub3, Sub4, Sub5}

// DateBasis says which time places a conversion in a date or hour (GraphQL DateBasis).
type DateBasis string

// The date bases of SPEC §6.
const (
	// ByClick counts a conversion at the time of its click (the default).
	ByClick DateBasis = "CLICK"
	// ByConversion counts a conversion at the time it was reported. Clicks are always counted
	// at their own time.
	ByConversion DateBasis = "CONVERSION"
)

// OrderField is what report rows are sorted by (GraphQL StatOrderField).
type OrderField string

// The sort keys: the grouped dimensions in the order asked for, or one metric (ties are
// broken by the dimensions).
const (
	OrderByDimensions    OrderField = "DIMENSIONS"
	OrderByClicks        OrderField = "CLICKS"
	OrderByUniqueClicks  OrderField = "UNIQUE_CLICKS"
	OrderByConversions   OrderField = "CONVERSIONS"
	OrderByPending       OrderField = "PENDING"
	OrderByApproved      OrderField = "APPROVED"
	OrderByCancelled     OrderField = "CANCELLED"
	OrderByCR            OrderField = "CR"
	OrderByEPC           OrderField = "EPC"
	OrderByPayout        OrderField = "PAYOUT"
	OrderByPendingPayout OrderField = "PENDING_PAYOUT"
	OrderByRevenue       OrderField = "REVENUE"
	OrderByProfit        OrderField = "PROFIT"
)

var orderFields = []OrderField{OrderByDimensions, OrderByClicks, OrderByUniqueClicks, OrderByConversions,
	OrderByPending, OrderByApproved, OrderByCancelled, OrderByCR, OrderByEPC, OrderByPayout,
	OrderByPendingPayout, OrderByRevenue, OrderByProfit}

// Order sorts report rows (GraphQL StatOrder).
type Order struct {
	Field     OrderField            `json:"field"`
	Direction entgql.OrderDirection `json:"direction"`
}

// Filter narrows a report (GraphQL StatFilter). Empty lists filter nothing.
type Filter struct {
	// From and To are the first and last day, inclusive, as YYYY-MM-DD in the report's time
	// zone. Defaults: To is today, From is 29 days before To.
	From *string `json:"from"`
	To   *string `json:"to"`
	// OfferIDs, FlowIDs and PublisherIDs keep the traffic of these offers, flows, publishers.
	OfferIDs     []int `json:"offerIDs"`
	FlowIDs      []int `json:"flowIDs"`
	PublisherIDs []int `json:"publisherIDs"`
	// Countries keeps the traffic of these ISO 3166-1 alpha-2 countries.
	Countries []string `json:"countries"`
	// Sub1…Sub5 keep the traffic whose label is one of these values ("" matches an empty
	// label). The rollups have no labels: a sub filter reads the raw clicks and conversions.
	Sub1 []string `json:"sub1"`
	Sub2 []string `json:"sub2"`
	Sub3 []string `json:"sub3"`
	Sub4 []string `json:"sub4"`
	Sub5 []string `json:"sub5"`
}

// Limits of a sub filter.
const (
	MaxSubValues = 100
	MaxSubLen    = 255
)

// subs are the sub1…sub5 filters in order.
func (f *Filter) subs() [5][]string { return [5][]string{f.Sub1, f.Sub2, f.Sub3, f.Sub4, f.Sub5} }

// hasSubs reports whether any sub filter is set.
func (f *Filter) hasSubs() bool {
	for _, s := range f.subs() {
		if len(s) > 0 {
			return true
		}
	}
	return false
}

// Query is one statistics request.
type Query struct {
	// GroupBy are the dimensions of the rows, in column order; none: one row of totals.
	GroupBy []Dimension
	Filter  Filter
	// Timezone is an IANA time zone name ("Europe/Berlin"); "": UTC.
	Timezone string
	// DateBasis: "" is ByClick.
	DateBasis DateBasis
	// OrderBy: nil sorts by the dimensions, ascending.
	OrderBy *Order
	// Limit is the most rows returned (0: DefaultLimit; at most MaxLimit) from Offset on.
	Limit, Offset int
	// All returns every row, ignoring Limit and Offset (the CSV export).
	All bool
}

// Paging limits.
const (
	DefaultLimit = 1000
	MaxLimit     = 10000
	// MaxDays is the longest date range of one report.
	MaxDays = 400
	// MaxGroups is the most rows a report may have before paging.
	MaxGroups = 200_000
)

// Report is a statistics answer (GraphQL StatReport).
type Report struct {
	// Rows are the page of rows asked for.
	Rows []*Row `json:"rows"`
	// Totals sums every row, not only the page. Its money metrics are null when the rows are in
	// more than one currency; TotalsByCurrency then has one row per currency.
	Totals *Row `json:"totals"`
	// TotalsByCurrency sums the rows of each currency.
	TotalsByCurrency []*Row `json:"totalsByCurrency"`
	// TotalRows is the number of rows before paging.
	TotalRows int `json:"totalRows"`
}

// Row is one group of a report: the values of the dimensions grouped by (nil for the others),
// and its metrics (GraphQL StatRow).
type Row struct {
	Date        *string `json:"date,omitempty"`
	Hour        *int    `json:"hour,omitempty"`
	OfferID     *int    `json:"offerID,omitempty"`
	OfferName   *string `json:"offerName,omitempty"`
	GoalID      *int    `json:"goalID,omitempty"`
	Goal        *string `json:"goal,omitempty"`
	FlowID      *int    `json:"flowID,omitempty"`
	FlowName    *string `json:"flowName,omitempty"`
	PublisherID *int    `json:"publisherID,omitempty"`
	// PublisherName and AdvertiserName are the user's name (its email when it has none), for
	// the admin and for the user itself only: users see no other user (rule.UserScope).
	PublisherName  *string `json:"publisherName,omitempty"`
	AdvertiserID   *int    `json:"advertiserID,omitempty"`
	AdvertiserName *string `json:"advertiserName,omitempty"`
	LandingID      *int    `json:"landingID,omitempty"`
	LandingName    *string `json:"landingName,omitempty"`
	Site           *string `json:"site,omitempty"`
	Country        *string `json:"country,omitempty"`
	Device         *string `json:"device,omitempty"`
	Sub1           *string `json:"sub1,omitempty"`
	Sub2           *string `json:"sub2,omitempty"`
	Sub3           *string `json:"sub3,omitempty"`
	Sub4           *string `json:"sub4,omitempty"`
	Sub5           *string `json:"sub5,omitempty"`
	// Currency is the currency of the money metrics; nil when the row has no offer's traffic or
	// mixes currencies (totals only).
	Currency *string `json:"currency,omitempty"`

	Clicks       int64 `json:"clicks"`
	UniqueClicks int64 `json:"uniqueClicks"`
	Conversions  int64 `json:"conversions"`
	Pending      int64 `json:"pending"`
	Approved     int64 `json:"approved"`
	Cancelled    int64 `json:"cancelled"`
	// CR is conversions / clicks in percent, two decimals; nil without clicks.
	CR *money.Decimal `json:"cr"`
	// EPC is approved payout / clicks, four decimals; nil without clicks or when currencies mix.
	EPC           *money.Decimal `json:"epc"`
	Payout        *money.Cents   `json:"payout"`
	PendingPayout *money.Cents   `json:"pendingPayout"`
	// Revenue and Profit are the admin's only: nil for everyone else.
	Revenue *money.Cents `json:"revenue"`
	Profit  *money.Cents `json:"profit"`
}

// marshalEnum writes a string enum value for GraphQL.
func marshalEnum(w io.Writer, s string) { _, _ = io.WriteString(w, strconv.Quote(s)) }

// unmarshalEnum reads a string enum value, one of valid, from GraphQL.
func unmarshalEnum[T ~string](v any, valid []T, name string) (T, error) {
	s, _ := v.(string)
	for _, x := range valid {
		if string(x) == s {
			return x, nil
		}
	}
	return "", fmt.Errorf("%v is not a valid %s", v, name)
}

// MarshalGQL writes d as a GraphQL enum value.
func (d Dimension) MarshalGQL(w io.Writer) { marshalEnum(w, string(d)) }

// UnmarshalGQL reads d from a GraphQL enum value.
func (d *Dimension) UnmarshalGQL(v any) (err error) {
	*d, err = unmarshalEnum(v, Dimensions, "StatDimension")
	return err
}

// MarshalGQL writes b as a GraphQL enum value.
func (b DateBasis) MarshalGQL(w io.Writer) { marshalEnum(w, string(b)) }

// UnmarshalGQL reads b from a GraphQL enum value.
func (b *DateBasis) UnmarshalGQL(v any) (err error) {
	*b, err = unmarshalEnum(v, []DateBasis{ByClick, ByConversion}, "DateBasis")
	return err
}

// MarshalGQL writes f as a GraphQL enum value.
func (f OrderField) MarshalGQL(w io.Writer) { marshalEnum(w, string(f)) }

// UnmarshalGQL reads f from a GraphQL enum value.
func (f *OrderField) UnmarshalGQL(v any) (err error) {
	*f, err = unmarshalEnum(v, orderFields, "StatOrderField")
	return err
}
