// Package qdpx writes and reads REFI-QDA exchange files, the standard the
// qualitative-analysis tools (NVivo, ATLAS.ti, MAXQDA, QualCoder) share: a
// project (.qdpx, a zip of project.qde and the sources as plain text) and a
// codebook (.qdc). It knows nothing of storage: the app turns a study into
// a Project and a Project back into sources, themes and pinned quotes.
package qdpx

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Project is a REFI-QDA project as Verbatim sees it.
type Project struct {
	Name string
	// Origin names the program that wrote the file.
	Origin  string
	Codes   []Code
	Sources []Source
	Cases   []Case
	// Users are the coders besides the program itself (the writer always
	// names Verbatim as the project's creating user).
	Users []User
	// Notes are the project's notes (memos): text a selection can refer
	// to (Selection.NoteGUIDs).
	Notes []Note
	// Warnings say what was read but left out (picture, PDF, audio
	// sources; codings that point nowhere).
	Warnings []string
}

// Code is one code of the codebook, with the codes under it.
type Code struct {
	GUID        string
	Name        string
	Description string
	Codable     bool
	Color       string // "#RRGGBB" or ""
	Children    []Code
}

// Source is a text source: its plain text and the coded selections in it.
type Source struct {
	GUID        string
	Name        string
	Description string
	Text        string
	Selections  []Selection
}

// Selection is a coded span of a source's text. Start and End count
// Unicode characters from 0, End exclusive, as REFI-QDA's startPosition
// and endPosition do.
type Selection struct {
	GUID      string
	Start     int
	End       int
	CodeGUIDs []string
	// Coders, when set, holds for each of CodeGUIDs the GUID of the user
	// who applied it (a Coding's creatingUser; "" for the program's own).
	Coders []string
	// NoteGUIDs are the notes this selection refers to (NoteRef).
	NoteGUIDs []string
}

// Note is a REFI-QDA project note (a memo): plain text, with who wrote it
// (a user GUID) and when.
type Note struct {
	GUID         string
	Name         string
	Text         string
	CreatingUser string
	Created      time.Time
}

// User is a person (or program) who coded: a REFI-QDA User.
type User struct {
	GUID string
	Name string
}

// CoderOf is the user GUID of the selection's i-th coding, "" when none.
func (s Selection) CoderOf(i int) string {
	if i < len(s.Coders) {
		return s.Coders[i]
	}
	return ""
}

// Case is a unit of analysis (a participant) with its variables.
type Case struct {
	GUID       string
	Name       string
	Attributes []Attribute
	// SourceGUIDs are the sources the case speaks in.
	SourceGUIDs []string
}

// Attribute is one variable's value on a case.
type Attribute struct {
	Name, Value string
}

// ErrInvalid wraps a file that is no valid REFI-QDA project or codebook.
var ErrInvalid = errors.New("not a valid REFI-QDA file")

var guidRE = regexp.MustCompile(`^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$`)

// ValidGUID reports whether s is a GUID as the schema's GUIDType allows.
func ValidGUID(s string) bool { return guidRE.MatchString(s) }

// GUID derives a stable GUID (UUID version 5 layout, SHA-256 based) from
// parts, so exporting the same study twice gives the same file.
func GUID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Walk calls fn for each code, parents before children, with the chain
// of its ancestors.
func Walk(codes []Code, fn func(c Code, parents []Code)) {
	var walk func([]Code, []Code)
	walk = func(cs []Code, parents []Code) {
		for _, c := range cs {
			fn(c, parents)
			walk(c.Children, append(parents[:len(parents):len(parents)], c))
		}
	}
	walk(codes, nil)
}
