// Package ingest parses the files researchers upload — transcripts and
// survey exports — into a format-neutral Document. It detects the format
// from the content, not only the file name. It knows nothing of storage.
package ingest

import (
	"errors"
	"fmt"
)

// Format names, as stored on persona.Source.Format.
const (
	FormatText  = "text"     // plain text with speaker labels
	FormatVTT   = "vtt"      // WebVTT (Zoom, Teams)
	FormatSRT   = "srt"      // SubRip
	FormatOtter = "otter"    // Otter.ai text export
	FormatDOCX  = "docx"     // Word document (Teams, Meet, typed transcripts)
	FormatMD    = "markdown" // Markdown (pandoc, ATLAS.ti, notes apps)
	FormatCSV   = "csv"      // survey export
	FormatXLSX  = "xlsx"     // survey export
)

// MaxFileSize is the default largest file Parse accepts.
const MaxFileSize = 50 << 20

// Document is a parsed file: either a transcript (Turns) or a survey
// (Respondents), never both.
type Document struct {
	Format      string
	Turns       []Turn
	Respondents []Respondent
	// Questions are the survey's open-ended questions, in column order.
	Questions []string
	Warnings  []string
	// NotTranscript says why a file without speaker labels looks like no
	// transcript ("looks like an interview guide: 14 questions, no
	// answers"); Parse refuses such a file with ErrNotTranscript unless
	// Options.Force is set.
	NotTranscript string `json:",omitempty"`
	// Attributes are what an export says about a speaker (label ->
	// attribute -> value): a call recorder's job titles, side and call
	// date. Build puts them on the participants.
	Attributes map[string]map[string]string `json:",omitempty"`
}

// IsSurvey reports whether the document is a survey export.
func (d *Document) IsSurvey() bool { return d.Format == FormatCSV || d.Format == FormatXLSX }

// Turn is one speaker's uninterrupted speech.
type Turn struct {
	Speaker string
	// Role is RoleInterviewer or RoleParticipant when the label itself says
	// so (e.g. "Interviewer 1", "MODERATOR", "Interviewee"), else "".
	Role string
	// StartMS and EndMS are -1 when unknown.
	StartMS, EndMS int64
	Text           string
	// Line is the 1-based line (cue number for VTT/SRT, paragraph for DOCX)
	// where the turn starts.
	Line int
}

// Speaker roles a label can declare.
const (
	RoleInterviewer = "interviewer"
	RoleParticipant = "participant"
)

// Respondent is one survey row.
type Respondent struct {
	// ID is the respondent id column's value, or "row N".
	ID string
	// Row is the 1-based line/row of the respondent in the file.
	Row int
	// Attributes are the closed answers and metadata worth keeping
	// (column title -> value); empty answers are omitted.
	Attributes map[string]string
	// Answers are the open-ended answers, non-empty only.
	Answers []Answer
}

// Answer is one open-ended survey answer.
type Answer struct {
	Question string
	Text     string
}

// ErrNotTranscript is returned for a file that parses but looks like no
// transcript: an interview guide, third-person notes, a summary table.
// The caller reports it as skipped; Options.Force takes it in.
var ErrNotTranscript = errors.New("not a transcript")

// ErrUnsupported is returned for content that is no supported format.
var ErrUnsupported = errors.New("unsupported format")

// Error is a parse failure that names the file and, where it applies, the
// line (or cue, row, or archive entry).
type Error struct {
	File string
	Line int // 0 when not applicable
	Msg  string
	Err  error // optional wrapped cause
}

func (e *Error) Error() string {
	s := "parse " + e.File
	if e.Line > 0 {
		s += fmt.Sprintf(" line %d", e.Line)
	}
	s += ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}
