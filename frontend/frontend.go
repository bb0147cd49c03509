// Package frontend holds Verbatim's server-rendered pages: html/template
// files and static assets embedded in the binary, and their view models.
package frontend

import "io/fs"

// Pages renders the embedded templates.
type Pages struct{}

// New loads the templates from fsys, or from the embedded files when nil.
func New(fsys fs.FS) (*Pages, error) { return &Pages{}, nil }
