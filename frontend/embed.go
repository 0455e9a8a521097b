// Package frontend holds the built dashboard (the Vite output in dist/) for embedding into
// the cpanet binary. A clean clone has only dist/.keep; `make build` fills dist.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built dashboard rooted at dist, so index.html is at its top level.
// Without a frontend build it holds only the .keep placeholder.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "dist" is a valid one.
		panic(err)
	}
	return sub
}
