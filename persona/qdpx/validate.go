package qdpx

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// validator collects what a file breaks of the schema: the first few
// problems make the error, so a researcher sees more than one at once.
type validator struct {
	problems  []string
	guids     map[string]string // guid -> what holds it
	codeGUIDs map[string]bool
}

func newValidator() *validator {
	return &validator{guids: map[string]string{}, codeGUIDs: map[string]bool{}}
}

func (v *validator) bad(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// guid checks a required GUID attribute: present, well formed, unique.
func (v *validator) guid(g, what string) {
	switch {
	case g == "":
		v.bad("%s has no guid", what)
	case !ValidGUID(g):
		v.bad("%s has a malformed guid %q", what, g)
	case v.guids[strings.ToLower(g)] != "":
		v.bad("%s repeats the guid %s of %s", what, g, v.guids[strings.ToLower(g)])
	default:
		v.guids[strings.ToLower(g)] = what
	}
}

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	more := ""
	if len(v.problems) > 5 {
		more = fmt.Sprintf(" (and %d more)", len(v.problems)-5)
		v.problems = v.problems[:5]
	}
	return fmt.Errorf("%w: %s%s", ErrInvalid, strings.Join(v.problems, "; "), more)
}

func (v *validator) codes(xs []xCode, parent string) []Code {
	var out []Code
	for _, x := range xs {
		what := "a code"
		if x.Name != nil {
			what = fmt.Sprintf("code %q", *x.Name)
		}
		if parent != "" {
			what += " under " + strconv.Quote(parent)
		}
		v.guid(x.GUID, what)
		if x.Name == nil {
			v.bad("%s has no name", what)
		}
		codable := true
		if x.IsCodable == nil {
			v.bad("%s has no isCodable", what)
		} else if b, err := strconv.ParseBool(strings.TrimSpace(*x.IsCodable)); err != nil {
			v.bad("%s has isCodable %q, not true or false", what, *x.IsCodable)
		} else {
			codable = b
		}
		c := Code{GUID: x.GUID, Codable: codable, Color: x.Color, Description: strings.TrimSpace(x.Description)}
		if x.Name != nil {
			c.Name = strings.TrimSpace(*x.Name)
		}
		v.codeGUIDs[strings.ToLower(x.GUID)] = true
		c.Children = v.codes(x.Code, c.Name)
		out = append(out, c)
	}
	return out
}

// fromXML turns a parsed Project into a Project, checking it.
func fromXML(x xProject, source func(string) (string, error)) (*Project, error) {
	v := newValidator()
	p := &Project{Name: strings.TrimSpace(x.Name), Origin: x.Origin}
	if x.Users != nil {
		for _, u := range x.Users.User {
			v.guid(u.GUID, fmt.Sprintf("user %q", u.Name))
			if !strings.EqualFold(u.GUID, userGUID) { // the writer names Verbatim itself
				p.Users = append(p.Users, User{GUID: u.GUID, Name: u.Name})
			}
		}
	}
	if x.CodeBook != nil && x.CodeBook.Codes != nil {
		p.Codes = v.codes(x.CodeBook.Codes.Code, "")
	}
	vars := map[string]string{}
	if x.Variables != nil {
		for _, xv := range x.Variables.Variable {
			v.guid(xv.GUID, fmt.Sprintf("variable %q", xv.Name))
			if xv.Name == "" {
				v.bad("a variable has no name")
			}
			vars[strings.ToLower(xv.GUID)] = xv.Name
		}
	}
	if x.Sources != nil {
		if n := len(x.Sources.PictureSource) + len(x.Sources.PDFSource) + len(x.Sources.AudioSource) + len(x.Sources.VideoSource); n > 0 {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%d picture, PDF, audio or video sources left out: Verbatim reads text sources", n))
		}
		for _, xs := range x.Sources.TextSource {
			if s, ok := v.source(xs, source, p); ok {
				p.Sources = append(p.Sources, s)
			}
		}
	}
	if x.Notes != nil {
		for _, xn := range x.Notes.Note {
			v.guid(xn.GUID, fmt.Sprintf("note %q", xn.Name))
			n := Note{GUID: xn.GUID, Name: strings.TrimSpace(xn.Name), CreatingUser: xn.CreatingUser}
			if xn.PlainTextContent != nil {
				n.Text = *xn.PlainTextContent
			}
			if t, err := time.Parse(time.RFC3339, strings.TrimSpace(xn.CreationDateTime)); err == nil {
				n.Created = t
			}
			p.Notes = append(p.Notes, n)
		}
	}
	if x.Cases != nil {
		for _, xc := range x.Cases.Case {
			v.guid(xc.GUID, fmt.Sprintf("case %q", xc.Name))
			c := Case{GUID: xc.GUID, Name: strings.TrimSpace(xc.Name)}
			for _, vv := range xc.VariableValue {
				name, ok := vars[strings.ToLower(vv.VariableRef.TargetGUID)]
				if !ok {
					v.bad("case %q has a value of an unknown variable %q", xc.Name, vv.VariableRef.TargetGUID)
					continue
				}
				c.Attributes = append(c.Attributes, Attribute{Name: name, Value: strings.TrimSpace(vv.value())})
			}
			for _, r := range xc.SourceRef {
				c.SourceGUIDs = append(c.SourceGUIDs, r.TargetGUID)
			}
			p.Cases = append(p.Cases, c)
		}
	}
	return p, v.err()
}

// source reads one text source and its coded selections.
func (v *validator) source(xs xTextSource, read func(string) (string, error), p *Project) (Source, bool) {
	what := fmt.Sprintf("text source %q", xs.Name)
	v.guid(xs.GUID, what)
	s := Source{GUID: xs.GUID, Name: strings.TrimSpace(xs.Name), Description: strings.TrimSpace(xs.Description)}
	if s.Name == "" {
		s.Name = xs.GUID
	}
	switch {
	case xs.PlainTextContent != nil:
		s.Text = *xs.PlainTextContent
	case strings.HasPrefix(xs.PlainTextPath, "internal://") && read != nil:
		text, err := read(strings.TrimPrefix(xs.PlainTextPath, "internal://"))
		if err != nil {
			if errors.Is(err, ErrInvalid) {
				v.bad("%s: %s", what, strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
			}
			return s, false
		}
		s.Text = text
	case xs.PlainTextPath != "":
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s left out: its text is outside the file (%s)", what, xs.PlainTextPath))
		return s, false
	default:
		v.bad("%s has neither PlainTextContent nor plainTextPath", what)
		return s, false
	}
	if len(xs.Coding) > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %d codings of the whole source left out: Verbatim reads coded selections", what, len(xs.Coding)))
	}
	n := utf8.RuneCountInString(s.Text)
	for _, xsel := range xs.PlainTextSelection {
		v.guid(xsel.GUID, "a selection in "+what)
		if xsel.StartPosition == nil || xsel.EndPosition == nil {
			v.bad("a selection in %s lacks startPosition or endPosition", what)
			continue
		}
		sel := Selection{GUID: xsel.GUID, Start: *xsel.StartPosition, End: *xsel.EndPosition}
		if sel.Start < 0 || sel.End < sel.Start || sel.End > n {
			v.bad("selection %d-%d in %s is outside its %d characters", sel.Start, sel.End, what, n)
			continue
		}
		for _, c := range xsel.Coding {
			v.guid(c.GUID, "a coding in "+what)
			switch {
			case c.CodeRef == nil:
				v.bad("a coding in %s has no CodeRef", what)
			case !v.codeGUIDs[strings.ToLower(c.CodeRef.TargetGUID)]:
				v.bad("a coding in %s refers to code %q, which the codebook lacks", what, c.CodeRef.TargetGUID)
			default:
				sel.CodeGUIDs = append(sel.CodeGUIDs, c.CodeRef.TargetGUID)
				sel.Coders = append(sel.Coders, c.CreatingUser)
			}
		}
		for _, r := range xsel.NoteRef {
			sel.NoteGUIDs = append(sel.NoteGUIDs, r.TargetGUID)
		}
		if strings.Join(sel.Coders, "") == "" {
			sel.Coders = nil // nobody named: the program's own codings
		}
		s.Selections = append(s.Selections, sel)
	}
	return s, true
}
