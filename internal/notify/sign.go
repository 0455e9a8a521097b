package notify

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Header names and the User-Agent of every postback call.
const (
	HeaderDelivery  = "X-Cpanet-Delivery"
	HeaderSignature = "X-Cpanet-Signature"
	UserAgent       = "cpanet-postback/1"
)

// DefaultTolerance is how far a signature's time may be from the receiver's clock when Verify
// is given no tolerance.
const DefaultTolerance = 5 * time.Minute

// ErrInvalidSignature reports a signature header that is malformed or does not match.
var ErrInvalidSignature = errors.New("invalid postback signature")

// ErrExpiredSignature reports a signature whose time is outside the tolerance.
var ErrExpiredSignature = errors.New("postback signature outside the time tolerance")

// Sign returns the X-Cpanet-Signature header value for payload sent at time t:
// "t=<unix seconds>,v1=<hex>", where v1 is HMAC-SHA256 keyed with secret over
// t + "." + payload. The payload is the raw body for POST and the raw query string
// (after '?', as sent) for GET.
func Sign(secret []byte, t time.Time, payload []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, payload))
}

func mac(secret []byte, ts string, payload []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(payload)
	return m.Sum(nil)
}

// Verify checks a X-Cpanet-Signature header against payload, as a receiver does: the header
// must carry t and at least one v1 (several are accepted, so a sender may sign with an old
// and a new secret while one is rotated), one v1 must equal the HMAC (compared in constant
// time), and t must be within tolerance of now (DefaultTolerance if tolerance <= 0), which
// limits replays. Keys other than t and v1 are ignored, for schemes to come. Errors wrap ErrInvalidSignature or ErrExpiredSignature.
func Verify(secret []byte, header string, payload []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	var ts string
	var sigs [][]byte
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return fmt.Errorf("%w: malformed header", ErrInvalidSignature)
		}
		switch k {
		case "t":
			if ts != "" {
				return fmt.Errorf("%w: t given twice", ErrInvalidSignature)
			}
			ts = v
		case "v1":
			b, err := hex.DecodeString(v)
			if err != nil || len(b) != sha256.Size {
				return fmt.Errorf("%w: v1 is not a hex SHA-256 HMAC", ErrInvalidSignature)
			}
			sigs = append(sigs, b)
		}
	}
	if ts == "" || len(sigs) == 0 {
		return fmt.Errorf("%w: t or v1 missing", ErrInvalidSignature)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: t is not Unix seconds", ErrInvalidSignature)
	}
	want := mac(secret, ts, payload)
	match := false
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			match = true
		}
	}
	if !match {
		return fmt.Errorf("%w: no v1 matches", ErrInvalidSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: signed %s from now", ErrExpiredSignature, d.Truncate(time.Second))
	}
	return nil
}

// NewSecret draws a new signing secret for a publisher: 32 random bytes, hex. Every publisher
// gets one when it is created (an ent hook on User); rotatePostbackSecret draws another.
func NewSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return "whsec_" + hex.EncodeToString(b[:])
}
