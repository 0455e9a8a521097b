package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Cache lifetimes of the dashboard's files. Vite names everything under assets/ after a hash
// of its content, so those never change; anything else (index.html above all) must be
// revalidated on each use, cheaply thanks to its ETag.
const (
	cacheImmutable   = "public, max-age=31536000, immutable"
	cacheRevalidate  = "no-cache"
	gzipMinSize      = 1024
	hashedAssetsPath = "assets/"
)

// spaHandler serves the dashboard, the Vite build in fsys (frontend.Dist()), for GET and HEAD.
// A request for a file gets that file; a path without an extension that is no file is a
// client-side route and gets index.html; a missing file gets 404. Files are read and their
// ETags and gzip variants computed once, here. Without an index.html (a build that skipped the
// frontend) every request gets a page that says so.
func spaHandler(fsys fs.FS) http.Handler {
	files, err := loadSPAFiles(fsys)
	if err != nil {
		slog.Error("dashboard files unreadable", "err", err)
		return notBuiltHandler()
	}
	index, ok := files["index.html"]
	if !ok {
		return notBuiltHandler()
	}
	return &spa{files: files, index: index}
}

// spa serves the files of a built dashboard.
type spa struct {
	files map[string]*spaFile // by slash-separated path relative to the root, no leading slash
	index *spaFile
}

func (s *spa) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	f, ok := s.files[name]
	if !ok {
		if looksLikeFile(name) {
			http.NotFound(w, r)
			return
		}
		f = s.index // "/" or a client-side route
	}
	f.serve(w, r)
}

// looksLikeFile reports whether a missing path names a file rather than a client-side route:
// it has an extension, or it lies under the hashed assets.
func looksLikeFile(name string) bool {
	return path.Ext(name) != "" || strings.HasPrefix(name, hashedAssetsPath)
}

// spaFile is one file of the dashboard, ready to serve.
type spaFile struct {
	contentType  string
	cacheControl string
	body         []byte
	etag         string
	gzipped      []byte // nil when compression does not pay
	gzipETag     string
}

func (f *spaFile) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := f.body, f.etag
	if f.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body, etag = f.gzipped, f.gzipETag
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// ServeContent answers conditional and range requests; the zero time sends no Last-Modified.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// loadSPAFiles reads every file of fsys except dot-files (such as the dist/.keep placeholder).
func loadSPAFiles(fsys fs.FS) (map[string]*spaFile, error) {
	files := make(map[string]*spaFile)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		files[name] = newSPAFile(name, body)
		return nil
	})
	return files, err
}

func newSPAFile(name string, body []byte) *spaFile {
	f := &spaFile{
		contentType:  mime.TypeByExtension(path.Ext(name)),
		cacheControl: cacheRevalidate,
		body:         body,
		etag:         contentETag(body, ""),
	}
	if f.contentType == "" {
		f.contentType = http.DetectContentType(body)
	}
	if strings.HasPrefix(name, hashedAssetsPath) {
		f.cacheControl = cacheImmutable
	}
	if compressible(f.contentType) && len(body) >= gzipMinSize {
		if gz := gzipBytes(body); len(gz) < len(body)*9/10 {
			f.gzipped, f.gzipETag = gz, contentETag(body, "-gzip")
		}
	}
	return f
}

// contentETag is a strong ETag derived from the content; suffix tells encodings apart.
func contentETag(body []byte, suffix string) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + suffix + `"`
}

func compressible(contentType string) bool {
	mediaType, _, _ := strings.Cut(contentType, ";")
	switch mediaType {
	case "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
		"image/svg+xml", "text/plain", "application/manifest+json", "application/wasm", "text/xml", "application/xml":
		return true
	}
	return false
}

func gzipBytes(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(body)                                    // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	return buf.Bytes()
}

// acceptsGzip reports whether an Accept-Encoding header value allows gzip.
func acceptsGzip(acceptEncoding string) bool {
	for _, part := range strings.Split(acceptEncoding, ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			key, value, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(key, "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// notBuiltPage is served in place of the dashboard when the binary has no frontend build.
const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>cpanet: dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>The dashboard was not built</h1>
<p>This cpanet binary was compiled without its frontend. Run <code>make build</code> (it builds
<code>frontend/</code> and embeds it), then start the new binary.</p>
<p>The API is up: <code>/graphql</code>, <code>/postback</code> and <code>/go/{code}</code> work as usual.</p>
</body>
</html>
`

// notBuiltHandler answers every request with notBuiltPage.
func notBuiltHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(notBuiltPage))
	})
}
