package notify

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMaskURL(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"nothing secret", "https://t.example/pb?click=1&status=approved&sub1=x", "https://t.example/pb?click=1&status=approved&sub1=x"},
		{"secret-named parameters", "https://t.example/pb?click=1&key=K&token=T&secret=S&password=P&api_key=A&auth=X&sig=G&sub1=x",
			"https://t.example/pb?click=1&key=***&token=***&secret=***&password=***&api_key=***&auth=***&sig=***&sub1=x"},
		{"names in other spellings", "https://t.example/?apiKey=1&AccessToken=2&X-Auth=3&client_secret=4&pass=5",
			"https://t.example/?apiKey=***&AccessToken=***&X-Auth=***&client_secret=***&pass=***"},
		{"words are not substrings", "https://t.example/?keyword=shoes&monkey=1&design=2",
			"https://t.example/?keyword=shoes&monkey=1&design=2"},
		{"escaped names", "https://t.example/?api%5Fkey=1", "https://t.example/?api%5Fkey=***"},
		{"user and password", "https://user:pw@t.example/pb?c=1", "https://***@t.example/pb?c=1"},
		{"user alone", "https://tok@t.example/pb", "https://***@t.example/pb"},
		{"a parameter without a value", "https://t.example/?token&c=1", "https://t.example/?token&c=1"},
		{"order and spelling kept", "https://t.example/?b=2&a=1+1&token=x&a=%20", "https://t.example/?b=2&a=1+1&token=***&a=%20"},
		{"unparseable: query and user info cut", "https://u:p@t.example/%zz?token=x", "https://***@t.example/%zz?***"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, MaskURL(tc.in))
		})
	}
}
