package codebook

import (
	"fmt"
	"io"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// Section headings in a code's REFI-QDA description: the schema has one
// Description, so the inclusion and exclusion criteria go in it under
// these headings (and come back out on import).
const (
	whenHeading    = "When to use:"
	whenNotHeading = "When not to use:"
)

// describe joins a code's texts into one REFI-QDA description.
func describe(c persona.Code) string {
	parts := []string{}
	if c.Definition != "" {
		parts = append(parts, c.Definition)
	}
	if c.WhenToUse != "" {
		parts = append(parts, whenHeading+" "+c.WhenToUse)
	}
	if c.WhenNotToUse != "" {
		parts = append(parts, whenNotHeading+" "+c.WhenNotToUse)
	}
	return strings.Join(parts, "\n\n")
}

// undescribe splits a description describe wrote (any other tool's is the
// definition whole).
func undescribe(d string) (def, when, whenNot string) {
	d = strings.TrimSpace(d)
	iNot := strings.Index(d, whenNotHeading)
	if iNot >= 0 {
		whenNot = strings.TrimSpace(d[iNot+len(whenNotHeading):])
		d = d[:iNot]
	}
	if i := strings.Index(d, whenHeading); i >= 0 {
		when = strings.TrimSpace(d[i+len(whenHeading):])
		d = d[:i]
	}
	return strings.TrimSpace(d), when, whenNot
}

// FromQDA turns a REFI-QDA codebook (a .qdc, or a project's codebook) into
// codes: a code named after a ring is the ring's grouping, and the codes
// under it are in that ring; every other code with a name is a code (a
// repeated name is kept once, the repeat reported). Warnings say what was
// left out.
func FromQDA(p *qdpx.Project) (codes []persona.Code, warnings []string) {
	seen := map[string]bool{}
	repeats := 0
	qdpx.Walk(p.Codes, func(c qdpx.Code, parents []qdpx.Code) {
		if _, isRing := ringCode(c.Name); isRing {
			return
		}
		ring := persona.RingNone
		for _, a := range parents {
			if r, ok := ringCode(a.Name); ok {
				ring = r
			}
		}
		def, when, whenNot := undescribe(c.Description)
		code, err := persona.Code{Name: c.Name, Ring: ring, Definition: def, WhenToUse: when, WhenNotToUse: whenNot}.Clean()
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("code %.60q left out: %s", c.Name, strings.TrimSuffix(err.Error(), ": invalid")))
			return
		}
		if seen[strings.ToLower(code.Name)] {
			repeats++
			return
		}
		seen[strings.ToLower(code.Name)] = true
		codes = append(codes, code)
	})
	if repeats > 0 {
		warnings = append(warnings, fmt.Sprintf("%d codes repeat a name already read and were kept once", repeats))
	}
	return codes, warnings
}

// ringCode reads a ring from a grouping code's name.
func ringCode(name string) (persona.Ring, bool) {
	if strings.TrimSpace(name) == "" {
		return persona.RingNone, false
	}
	r, ok := persona.ParseRing(name)
	return r, ok && r != persona.RingNone
}

// ReadQDC reads a REFI-QDA codebook (.qdc) or a project (.qdpx, .qde), and
// returns its codes.
func ReadQDC(data []byte) ([]persona.Code, []string, error) {
	p, err := qdpx.Read(data)
	if err != nil {
		return nil, nil, fmt.Errorf("read REFI-QDA codebook: %w", err)
	}
	codes, warnings := FromQDA(p)
	if len(codes) == 0 {
		return nil, warnings, fmt.Errorf("read REFI-QDA codebook: no codes besides the ring groupings: %w", persona.ErrInvalid)
	}
	return codes, warnings, nil
}

// ToQDA arranges codes as REFI-QDA codes: one grouping code per ring (not
// codable) holding its codes, and the codes without a ring at the top.
// GUIDs are stable per study and code name.
func ToQDA(studyKey string, codes []persona.Code) []qdpx.Code {
	var out []qdpx.Code
	byRing := map[persona.Ring][]qdpx.Code{}
	for _, c := range codes {
		q := qdpx.Code{GUID: qdpx.GUID("verbatim code", studyKey, strings.ToLower(c.Name)), Name: c.Name, Codable: true, Description: describe(c)}
		if c.Ring == persona.RingNone {
			out = append(out, q)
			continue
		}
		byRing[c.Ring] = append(byRing[c.Ring], q)
	}
	var rings []qdpx.Code
	for _, r := range persona.Rings {
		if len(byRing[r]) == 0 {
			continue
		}
		rings = append(rings, qdpx.Code{GUID: qdpx.GUID("verbatim ring", string(r)), Name: r.Title(), Children: byRing[r]})
	}
	return append(rings, out...)
}

// WriteQDC writes codes as a REFI-QDA codebook (.qdc).
func WriteQDC(w io.Writer, studyKey string, codes []persona.Code) error {
	return qdpx.WriteCodebook(w, ToQDA(studyKey, codes), "Verbatim")
}
