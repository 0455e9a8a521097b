package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSignVerify(t *testing.T) {
	secret := []byte("publisher-secret")
	now := time.Unix(1_800_000_000, 0)
	payload := []byte("click_id=abc&status=approved")
	header := Sign(secret, now, payload)
	require.Regexp(t, `^t=1800000000,v1=[0-9a-f]{64}$`, header)
	v1 := strings.TrimPrefix(header, "t=1800000000,")

	for _, tc := range []struct {
		name    string
		secret  string
		header  string
		payload string
		at      time.Time
		err     error
	}{
		{"valid", "publisher-secret", header, string(payload), now, nil},
		{"valid within tolerance", "publisher-secret", header, string(payload), now.Add(4 * time.Minute), nil},
		{"valid with a clock behind", "publisher-secret", header, string(payload), now.Add(-4 * time.Minute), nil},
		{"one of two v1 matches (rotation)", "publisher-secret", "t=1800000000,v1=" + strings.Repeat("00", 32) + "," + v1, string(payload), now, nil},
		{"empty parts and other keys ignored", "publisher-secret", "t=1800000000,," + v1 + ",v0=abc,", string(payload), now, nil},
		{"spaces after commas", "publisher-secret", "t=1800000000, " + v1, string(payload), now, nil},
		{"tampered payload", "publisher-secret", header, "click_id=abc&status=cancelled", now, ErrInvalidSignature},
		{"empty payload", "publisher-secret", header, "", now, ErrInvalidSignature},
		{"other secret", "other", header, string(payload), now, ErrInvalidSignature},
		{"tampered time", "publisher-secret", "t=1800000001," + v1, string(payload), now, ErrInvalidSignature},
		{"too old", "publisher-secret", header, string(payload), now.Add(6 * time.Minute), ErrExpiredSignature},
		{"from the future", "publisher-secret", header, string(payload), now.Add(-6 * time.Minute), ErrExpiredSignature},
		{"no v1", "publisher-secret", "t=1800000000", string(payload), now, ErrInvalidSignature},
		{"no t", "publisher-secret", v1, string(payload), now, ErrInvalidSignature},
		{"empty", "publisher-secret", "", string(payload), now, ErrInvalidSignature},
		{"short v1", "publisher-secret", "t=1800000000,v1=abcd", string(payload), now, ErrInvalidSignature},
		{"t twice", "publisher-secret", "t=1800000000,t=1," + v1, string(payload), now, ErrInvalidSignature},
		{"t not a number", "publisher-secret", "t=soon," + v1, string(payload), now, ErrInvalidSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify([]byte(tc.secret), tc.header, []byte(tc.payload), tc.at, 5*time.Minute)
			if tc.err == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.err)
			}
		})
	}
	t.Run("zero tolerance means the default", func(t *testing.T) {
		require.NoError(t, Verify(secret, header, payload, now.Add(DefaultTolerance), 0))
		require.ErrorIs(t, Verify(secret, header, payload, now.Add(DefaultTolerance+time.Second), 0), ErrExpiredSignature)
	})
}
