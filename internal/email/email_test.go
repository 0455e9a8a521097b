package email

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, ok := range []string{"a@b.co", "a@b", "adv@x", "pub1.x@seed.cpanet", "first.last+tag@example.com", "admin@demo.cpanet"} {
		if err := Check(ok); err != nil {
			t.Errorf("Check(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "a", "@b.co", "a@b..co", "a@.co", "a@b.", "a b@c.co", "A <a@b.co>", "<a@b.co>",
		"a@b.co\n", strings.Repeat("a", 250) + "@b.co", "a@@b.co"} {
		if err := Check(bad); err == nil {
			t.Errorf("Check(%q) = nil, want an error", bad)
		}
	}
}
