package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Call-recorder exports: the JSON that Gong, Fathom, Fireflies and Grain
// return from their APIs (and that their export buttons and integrations
// save). Sales teams record their own buyer conversations there. Each
// export says which speakers are the seller's people (Gong's
// affiliation, Fathom's is_external, Fireflies' e-mail domains, Grain's
// scope); they become interviewers, declared, and their job titles and the
// call date become attributes.

// Call-recorder formats, as stored on persona.Source.Format.
const (
	FormatGong      = "gong"
	FormatFathom    = "fathom"
	FormatFireflies = "fireflies"
	FormatGrain     = "grain"
)

// formatJSON is what Detect returns for JSON; parseCallJSON names the
// vendor.
const formatJSON = "json"

const unknownJSON = "this JSON is no call-recorder export Verbatim reads: Gong (callTranscripts[].transcript[] with speakerId and sentences), " +
	"Fathom (transcript[] with speaker.display_name, text, timestamp), Fireflies (sentences[] with speaker_name, text, start_time) " +
	"Grain (segments with speaker, start, end, text) or a QMSum meeting (meeting_transcripts[] with speaker, content)"

// callSpeaker is what an export says about a speaker.
type callSpeaker struct {
	name, title string
	role        string // RoleInterviewer for the seller's side, RoleParticipant for the buyer's, or ""
}

// callBuilder collects one export's turns and speakers.
type callBuilder struct {
	b     turnBuilder
	seen  map[string]*callSpeaker
	date  string // the call's date, YYYY-MM-DD
	title string // the call's title (not stored: it often names the buyer's company)
	n     int
}

func newCallBuilder() *callBuilder {
	return &callBuilder{b: turnBuilder{sep: " "}, seen: map[string]*callSpeaker{}}
}

// add appends one utterance; sp may be nil for an unnamed speaker.
func (c *callBuilder) add(sp *callSpeaker, text string, startMS, endMS int64) {
	c.n++
	if sp == nil || strings.TrimSpace(sp.name) == "" {
		sp = &callSpeaker{name: unknownSpeaker}
	}
	name := strings.TrimSpace(sp.name)
	if _, ok := c.seen[name]; !ok {
		c.seen[name] = sp
	}
	c.b.add(Turn{Speaker: name, Role: sp.role, StartMS: startMS, EndMS: endMS, Text: text, Line: c.n})
}

func (c *callBuilder) setDate(s string) {
	if c.date != "" || s == "" {
		return
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		c.date = t.UTC().Format("2006-01-02")
	} else if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		c.date = s[:10]
	}
}

func (c *callBuilder) doc(format string) *Document {
	doc := &Document{Format: format, Turns: c.b.done(), Attributes: map[string]map[string]string{}}
	names := make([]string, 0, len(c.seen))
	for n := range c.seen {
		names = append(names, n)
	}
	sort.Strings(names)
	roles := 0
	for _, n := range names {
		sp := c.seen[n]
		a := map[string]string{}
		if sp.title != "" {
			a["Title"] = sp.title
		}
		if c.date != "" {
			a["Call date"] = c.date
		}
		if sp.role != "" {
			roles++
		}
		if len(a) > 0 {
			doc.Attributes[n] = a
		}
	}
	if roles == 0 && len(names) > 1 {
		doc.Warnings = append(doc.Warnings, "the export does not say which speakers are the seller's; interviewers are told by their questions")
	}
	return doc
}

// parseCallJSON reads a call-recorder export.
func parseCallJSON(name string, data []byte) (*Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var top any
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, &Error{File: name, Msg: "invalid JSON", Err: err}
	}
	var doc *Document
	var err error
	switch v := top.(type) {
	case map[string]any:
		doc, err = parseCallObject(name, data, v)
	case []any:
		doc, err = parseGrain(name, data)
	}
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, &Error{File: name, Msg: unknownJSON, Err: ErrUnsupported}
	}
	return doc, nil
}

func parseCallObject(name string, data []byte, v map[string]any) (*Document, error) {
	// Fireflies' GraphQL answer wraps the transcript: {"data":{"transcript":{…}}}.
	if d, ok := v["data"].(map[string]any); ok {
		if t, ok := d["transcript"].(map[string]any); ok {
			raw, _ := json.Marshal(t)
			return parseCallObject(name, raw, t)
		}
	}
	switch {
	case v["callTranscripts"] != nil:
		return parseGong(name, data)
	case v["meeting_transcripts"] != nil:
		return parseQMSum(name, data)
	case v["sentences"] != nil:
		return parseFireflies(name, data)
	case isFathom(v):
		return parseFathom(name, data)
	case v["segments"] != nil || v["transcript"] != nil:
		return parseGrain(name, data)
	}
	return nil, nil
}

// isFathom reports Fathom's transcript entries: a speaker object.
func isFathom(v map[string]any) bool {
	items, _ := v["transcript"].([]any)
	if list, ok := v["items"].([]any); ok && len(list) > 0 {
		if m, ok := list[0].(map[string]any); ok {
			items, _ = m["transcript"].([]any)
		}
	}
	if len(items) == 0 {
		return false
	}
	first, _ := items[0].(map[string]any)
	_, ok := first["speaker"].(map[string]any)
	return ok
}

func jsonErr(name string, err error) error {
	return &Error{File: name, Msg: "unexpected JSON shape", Err: err}
}

// clockMS reads Fathom's "HH:MM:SS" timestamps.
func clockMS(s string) int64 {
	if ms, ok := parseClock(s); ok {
		return ms
	}
	return -1
}

// secondsMS turns seconds (Fireflies) into milliseconds.
func secondsMS(s float64) int64 { return int64(s*1000 + 0.5) }

// emailDomain is the part after "@", lower case.
func emailDomain(email string) string {
	_, d, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	if !ok {
		return ""
	}
	return d
}

// epochOrISO reads a date given as an ISO string or Unix milliseconds.
func epochOrISO(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.UnixMilli(ms).UTC().Format(time.RFC3339)
		}
		return s
	}
	var f float64
	if json.Unmarshal(v, &f) == nil && f > 0 {
		return time.UnixMilli(int64(f)).UTC().Format(time.RFC3339)
	}
	return ""
}

func callCount(name string, n int) string {
	return fmt.Sprintf("%d calls in %s; imported as one source", n, name)
}
