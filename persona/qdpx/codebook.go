package qdpx

import (
	"encoding/xml"
	"fmt"
	"io"
)

// WriteCodebook writes codes as a REFI-QDA codebook document (.qdc, root
// <CodeBook> in the codebook namespace); Read reads it back.
func WriteCodebook(w io.Writer, codes []Code, origin string) error {
	x := xCodeBook{NS: CodebookNS, Origin: origin, Codes: &xCodes{Code: codesXML(codes)}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write qdc: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("write qdc: %w", err)
	}
	return nil
}
