package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cpanet/cpanet/frontend"
)

const testIndex = `<!doctype html><html><head><script type="module" src="/assets/index-Bx1.js"></script></head><body><div id="root"></div></body></html>`

var testAsset = "console.log('cpanet');\n" + strings.Repeat("export const x = 'padding so that gzip pays';\n", 100)

func builtDist() fstest.MapFS {
	return fstest.MapFS{
		".keep":               {Data: nil},
		"index.html":          {Data: []byte(testIndex)},
		"assets/index-Bx1.js": {Data: []byte(testAsset)},
		"assets/index-Q2.css": {Data: []byte("body{margin:0}")},
		"robots.txt":          {Data: []byte("User-agent: *\n")},
	}
}

func serveSPA(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSPAServesIndexForRootAndClientRoutes(t *testing.T) {
	h := spaHandler(builtDist())
	for _, target := range []string{"/", "/index.html", "/offers", "/offers/42/goals", "/statistics/?from=2025-01-01", "/conversions/"} {
		t.Run(target, func(t *testing.T) {
			res := serveSPA(t, h, http.MethodGet, target, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", res.StatusCode)
			}
			if got := readBody(t, res); got != testIndex {
				t.Errorf("body = %q, want index.html", got)
			}
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", got)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control = %q, want no-cache", got)
			}
			if res.Header.Get("ETag") == "" {
				t.Error("no ETag on index.html")
			}
		})
	}
}

func TestSPAServesHashedAssetsImmutable(t *testing.T) {
	h := spaHandler(builtDist())
	tests := []struct{ target, body, contentType string }{
		{"/assets/index-Bx1.js", testAsset, "javascript"},
		{"/assets/index-Q2.css", "body{margin:0}", "text/css"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			res := serveSPA(t, h, http.MethodGet, tt.target, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", res.StatusCode)
			}
			if got := readBody(t, res); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
			if got := res.Header.Get("Content-Type"); !strings.Contains(got, tt.contentType) {
				t.Errorf("Content-Type = %q, want %s", got, tt.contentType)
			}
			if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
				t.Errorf("Cache-Control = %q, want a year, immutable", got)
			}
		})
	}
}

func TestSPARevalidatesOtherFiles(t *testing.T) {
	res := serveSPA(t, spaHandler(builtDist()), http.MethodGet, "/robots.txt", nil)
	if res.StatusCode != http.StatusOK || readBody(t, res) != "User-agent: *\n" {
		t.Fatalf("status = %d, want robots.txt", res.StatusCode)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", got)
	}
}

func TestSPAAnswers404ForMissingFiles(t *testing.T) {
	h := spaHandler(builtDist())
	for _, target := range []string{"/favicon.ico", "/assets/index-old.js", "/assets/chunk", "/offers/logo.png", "/.keep"} {
		t.Run(target, func(t *testing.T) {
			res := serveSPA(t, h, http.MethodGet, target, nil)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("status = %d, want 404", res.StatusCode)
			}
			if strings.Contains(readBody(t, res), "<div id=\"root\">") {
				t.Error("a missing file got index.html")
			}
		})
	}
}

func TestSPAAnswersNotModifiedForMatchingETag(t *testing.T) {
	h := spaHandler(builtDist())
	for _, target := range []string{"/", "/assets/index-Bx1.js"} {
		t.Run(target, func(t *testing.T) {
			etag := serveSPA(t, h, http.MethodGet, target, nil).Header.Get("ETag")
			res := serveSPA(t, h, http.MethodGet, target, http.Header{"If-None-Match": {etag}})
			if res.StatusCode != http.StatusNotModified {
				t.Errorf("status = %d, want 304", res.StatusCode)
			}
		})
	}
}

func TestSPACompressesForGzipClients(t *testing.T) {
	h := spaHandler(builtDist())
	plain := serveSPA(t, h, http.MethodGet, "/assets/index-Bx1.js", nil)
	if plain.Header.Get("Content-Encoding") != "" || readBody(t, plain) != testAsset {
		t.Fatal("a client without Accept-Encoding got an encoded body")
	}

	zipped := serveSPA(t, h, http.MethodGet, "/assets/index-Bx1.js", http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
	if got := zipped.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", got)
	}
	if got := zipped.Header.Get("Vary"); got != "Accept-Encoding" {
		t.Errorf("Vary = %q, want Accept-Encoding", got)
	}
	if zipped.Header.Get("ETag") == plain.Header.Get("ETag") {
		t.Error("gzip and identity bodies share an ETag")
	}
	zr, err := gzip.NewReader(bytes.NewReader([]byte(readBody(t, zipped))))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); string(b) != testAsset {
		t.Error("gzip body does not decompress to the file")
	}

	refused := serveSPA(t, h, http.MethodGet, "/assets/index-Bx1.js", http.Header{"Accept-Encoding": {"gzip;q=0"}})
	if refused.Header.Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 got gzip")
	}
}

func TestSPAHeadAndOtherMethods(t *testing.T) {
	h := spaHandler(builtDist())
	head := serveSPA(t, h, http.MethodHead, "/offers", nil)
	if head.StatusCode != http.StatusOK || readBody(t, head) != "" {
		t.Errorf("HEAD: status = %d, want 200 without a body", head.StatusCode)
	}
	post := serveSPA(t, h, http.MethodPost, "/", nil)
	if post.StatusCode != http.StatusMethodNotAllowed || post.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: status = %d, Allow = %q; want 405 GET, HEAD", post.StatusCode, post.Header.Get("Allow"))
	}
}

func TestSPAWithoutBuildSaysToRunMakeBuild(t *testing.T) {
	h := spaHandler(fstest.MapFS{".keep": {Data: nil}})
	for _, target := range []string{"/", "/offers"} {
		t.Run(target, func(t *testing.T) {
			res := serveSPA(t, h, http.MethodGet, target, nil)
			if res.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("status = %d, want 503", res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", got)
			}
			body := readBody(t, res)
			if !strings.Contains(body, "not built") || !strings.Contains(body, "make build") {
				t.Errorf("body does not explain the missing build: %q", body)
			}
		})
	}
}

func TestSPAServesEmbeddedDist(t *testing.T) {
	res := serveSPA(t, spaHandler(frontend.Dist()), http.MethodGet, "/", nil)
	// 200 with a frontend build, 503 with only the placeholder.
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 200 or 503", res.StatusCode)
	}
}
