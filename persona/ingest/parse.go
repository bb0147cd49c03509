package ingest

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
)

// Options bound what Parse accepts.
type Options struct {
	MaxSize int64 // largest file in bytes; 0 means MaxFileSize
	// Force takes in a file that looks like no transcript (an interview
	// guide, notes, a summary table) instead of refusing it.
	Force bool
}

// Parse reads one file and returns its Document. The format is detected
// from the content first and the file name second. Errors are *Error and
// name the file (and line where it applies).
func Parse(name string, r io.Reader) (*Document, error) {
	return ParseWith(name, r, Options{})
}

// ParseWith is Parse with explicit limits.
func ParseWith(name string, r io.Reader, opt Options) (*Document, error) {
	limit := opt.MaxSize
	if limit <= 0 {
		limit = MaxFileSize
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &Error{File: name, Msg: "read failed", Err: err}
	}
	if int64(len(data)) > limit {
		return nil, errorf(name, 0, "file is larger than the %d MB limit", limit>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errorf(name, 0, "file is empty")
	}
	format, err := Detect(name, data)
	if err != nil {
		return nil, err
	}
	var doc *Document
	switch format {
	case FormatText, FormatMD:
		doc, err = parseText(name, data)
	case FormatVTT:
		doc, err = parseVTT(name, data)
	case FormatSRT:
		doc, err = parseSRT(name, data)
	case FormatOtter:
		doc, err = parseOtter(name, data)
	case FormatDOCX:
		doc, err = parseDOCX(name, data)
	case FormatPDF:
		doc, err = parsePDF(name, data)
	case FormatCSV:
		doc, err = parseCSV(name, data)
	case FormatXLSX:
		doc, err = parseXLSX(name, data)
	case formatJSON:
		doc, err = parseCallJSON(name, data)
	}
	if err != nil {
		return nil, err
	}
	if format != formatJSON { // a call-recorder export names its vendor
		doc.Format = format
	}
	if doc.NotTranscript != "" {
		if !opt.Force {
			return nil, &Error{File: name, Msg: doc.NotTranscript, Err: ErrNotTranscript}
		}
		doc.Warnings = append(doc.Warnings, doc.NotTranscript+"; taken in as forced")
	}
	if len(doc.Turns) == 0 && len(doc.Respondents) == 0 {
		return nil, errorf(name, 0, "no speech or survey responses found in this %s file", format)
	}
	return doc, nil
}

// Detect names the format of data. It looks at the content first: magic
// bytes for archives, headers for WebVTT, cue timing for SRT, and only then
// the extension to tell text transcripts from CSV.
func Detect(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return FormatPDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return detectZip(name, data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", &Error{File: name, Msg: "this is a legacy Office (.doc/.xls) file; save it as .docx, .xlsx or .csv", Err: ErrUnsupported}
	}
	if isUTF16(data) {
		// Only survey exports come as UTF-16 (Excel "Unicode text").
		return FormatCSV, nil
	}
	if looksBinary(data) {
		return "", &Error{File: name, Msg: "binary content is not a transcript or survey", Err: ErrUnsupported}
	}
	text := string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))
	switch {
	case isVTT(text):
		return FormatVTT, nil
	case ext == ".vtt":
		return "", errorf(name, 1, `missing "WEBVTT" header on the first line`)
	case isSRT(text):
		return FormatSRT, nil
	case isOtter(text):
		return FormatOtter, nil
	case ext == ".json" || isJSONObject(text):
		return formatJSON, nil
	case ext == ".md" || ext == ".markdown":
		return FormatMD, nil
	case ext == ".csv" || ext == ".tsv" || (ext != ".txt" && isDelimited(text)):
		return FormatCSV, nil
	case ext == ".srt":
		return "", errorf(name, 1, "no SRT cue timing (00:00:01,000 --> 00:00:02,000) found")
	}
	return FormatText, nil
}

func isUTF16(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

// looksBinary reports NUL bytes or many control characters in the first
// 8 KB.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctrl := 0
	for _, b := range head {
		if b == 0 {
			return true
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	return ctrl > len(head)/20+1
}

// isJSONObject reports text that opens like a JSON object or array of
// objects.
func isJSONObject(text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "[") {
		t = strings.TrimSpace(t[1:])
	}
	return strings.HasPrefix(t, "{\"") || strings.HasPrefix(t, "{\n") || strings.HasPrefix(t, "{\r")
}
