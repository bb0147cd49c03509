package qdpx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"
)

// Write writes p as a .qdpx archive: project.qde (the Project XML) and
// each source's text as sources/<guid>.txt, referenced by plainTextPath
// "internal://<guid>.txt". created stamps the project (zero: left out).
func Write(w io.Writer, p Project, created time.Time) error {
	zw := zip.NewWriter(w)
	x := toXML(p, created)
	qde, err := zw.Create("project.qde")
	if err != nil {
		return fmt.Errorf("write qdpx: %w", err)
	}
	if _, err := io.WriteString(qde, xml.Header); err != nil {
		return fmt.Errorf("write qdpx: %w", err)
	}
	enc := xml.NewEncoder(qde)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("write project.qde: %w", err)
	}
	for _, s := range p.Sources {
		f, err := zw.Create("sources/" + s.GUID + ".txt")
		if err != nil {
			return fmt.Errorf("write qdpx: %w", err)
		}
		if _, err := io.WriteString(f, s.Text); err != nil {
			return fmt.Errorf("write source %s: %w", s.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write qdpx: %w", err)
	}
	return nil
}

// userGUID is the user every Verbatim export names as the creator.
var userGUID = GUID("verbatim user")

func toXML(p Project, created time.Time) xProject {
	x := xProject{
		NS:   ProjectNS,
		Name: p.Name, Origin: p.Origin, CreatingUserGUID: userGUID,
		Users: &xUsers{User: []xUser{{GUID: userGUID, Name: "Verbatim"}}},
	}
	for _, u := range p.Users {
		x.Users.User = append(x.Users.User, xUser{GUID: u.GUID, Name: u.Name})
	}
	if !created.IsZero() {
		x.CreationDateTime = created.UTC().Format(time.RFC3339)
	}
	if len(p.Codes) > 0 {
		x.CodeBook = &xCodeBook{Codes: &xCodes{Code: codesXML(p.Codes)}}
	}
	vars := map[string]string{}
	for _, c := range p.Cases {
		for _, a := range c.Attributes {
			vars[a.Name] = GUID("variable", a.Name)
		}
	}
	if len(vars) > 0 {
		x.Variables = &xVariables{}
		for _, name := range sortedKeys(vars) {
			x.Variables.Variable = append(x.Variables.Variable, xVariable{GUID: vars[name], Name: name, TypeOfVariable: "Text"})
		}
	}
	if len(p.Cases) > 0 {
		x.Cases = &xCases{}
		for _, c := range p.Cases {
			xc := xCase{GUID: c.GUID, Name: c.Name}
			for _, a := range c.Attributes {
				v := a.Value
				xc.VariableValue = append(xc.VariableValue, xVariableValue{VariableRef: xRef{vars[a.Name]}, TextValue: &v})
			}
			for _, g := range c.SourceGUIDs {
				xc.SourceRef = append(xc.SourceRef, xRef{g})
			}
			x.Cases.Case = append(x.Cases.Case, xc)
		}
	}
	if len(p.Sources) > 0 {
		x.Sources = &xSources{}
		for _, s := range p.Sources {
			xs := xTextSource{GUID: s.GUID, Name: s.Name, Description: s.Description, PlainTextPath: "internal://" + s.GUID + ".txt"}
			for _, sel := range s.Selections {
				start, end := sel.Start, sel.End
				xsel := xSelection{GUID: sel.GUID, Name: excerpt(s.Text, start, end), StartPosition: &start, EndPosition: &end}
				for i, code := range sel.CodeGUIDs {
					xc := xCoding{GUID: GUID("coding", sel.GUID, code), CodeRef: &xRef{code}}
					if u := sel.CoderOf(i); u != "" {
						xc.GUID, xc.CreatingUser = GUID("coding", sel.GUID, code, u), u
					}
					xsel.Coding = append(xsel.Coding, xc)
				}
				for _, n := range sel.NoteGUIDs {
					xsel.NoteRef = append(xsel.NoteRef, xRef{n})
				}
				xs.PlainTextSelection = append(xs.PlainTextSelection, xsel)
			}
			x.Sources.TextSource = append(x.Sources.TextSource, xs)
		}
	}
	if len(p.Notes) > 0 {
		x.Notes = &xNotes{}
		for _, n := range p.Notes {
			text := n.Text
			xn := xNote{GUID: n.GUID, Name: n.Name, CreatingUser: n.CreatingUser, PlainTextContent: &text}
			if !n.Created.IsZero() {
				xn.CreationDateTime = n.Created.UTC().Format(time.RFC3339)
			}
			x.Notes.Note = append(x.Notes.Note, xn)
		}
	}
	return x
}

func codesXML(codes []Code) []xCode {
	out := make([]xCode, 0, len(codes))
	for _, c := range codes {
		name, codable := c.Name, strconv.FormatBool(c.Codable)
		out = append(out, xCode{GUID: c.GUID, Name: &name, IsCodable: &codable, Color: c.Color,
			Description: c.Description, Code: codesXML(c.Children)})
	}
	return out
}

// excerpt is a selection's name: its first words, as the tools show it.
func excerpt(text string, start, end int) string {
	r := []rune(text)
	if start < 0 || end > len(r) || start >= end {
		return ""
	}
	s := r[start:end]
	if len(s) > 60 {
		return string(s[:57]) + "..."
	}
	return string(s)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
