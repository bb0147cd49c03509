package qdpx

import "encoding/xml"

// The XML of the REFI-QDA Project schema (urn:QDA-XML:project:1.0,
// Project-mrt2019.xsd) and Codebook schema (urn:QDA-XML:codebook:1.0), as
// far as Verbatim writes and reads it: users, codes, variables, cases and
// text sources with plain-text selections and their codings. Elements are
// declared in the schema's sequence order, which encoding/xml keeps.

// Namespaces of the two schemas.
const (
	ProjectNS  = "urn:QDA-XML:project:1.0"
	CodebookNS = "urn:QDA-XML:codebook:1.0"
)

type xProject struct {
	XMLName          xml.Name    `xml:"Project"`
	NS               string      `xml:"xmlns,attr,omitempty"`
	Name             string      `xml:"name,attr"`
	Origin           string      `xml:"origin,attr,omitempty"`
	CreatingUserGUID string      `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	Users            *xUsers     `xml:"Users"`
	CodeBook         *xCodeBook  `xml:"CodeBook"`
	Variables        *xVariables `xml:"Variables"`
	Cases            *xCases     `xml:"Cases"`
	Sources          *xSources   `xml:"Sources"`
	Notes            *xNotes     `xml:"Notes"`
	Description      string      `xml:"Description,omitempty"`
}

type xUsers struct {
	User []xUser `xml:"User"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
}

// xCodeBook is both the Project's CodeBook element and the root of a .qdc
// file.
type xCodeBook struct {
	XMLName xml.Name `xml:"CodeBook"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Origin  string   `xml:"origin,attr,omitempty"`
	Codes   *xCodes  `xml:"Codes"`
}

type xCodes struct {
	Code []xCode `xml:"Code"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        *string `xml:"name,attr"`
	IsCodable   *string `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr,omitempty"`
	Description string  `xml:"Description,omitempty"`
	Code        []xCode `xml:"Code"`
}

type xVariables struct {
	Variable []xVariable `xml:"Variable"`
}

type xVariable struct {
	GUID           string `xml:"guid,attr"`
	Name           string `xml:"name,attr"`
	TypeOfVariable string `xml:"typeOfVariable,attr"`
}

type xCases struct {
	Case []xCase `xml:"Case"`
}

type xCase struct {
	GUID          string           `xml:"guid,attr"`
	Name          string           `xml:"name,attr,omitempty"`
	Description   string           `xml:"Description,omitempty"`
	VariableValue []xVariableValue `xml:"VariableValue"`
	SourceRef     []xRef           `xml:"SourceRef"`
}

type xVariableValue struct {
	VariableRef   xRef    `xml:"VariableRef"`
	TextValue     *string `xml:"TextValue"`
	BooleanValue  *string `xml:"BooleanValue"`
	IntegerValue  *string `xml:"IntegerValue"`
	FloatValue    *string `xml:"FloatValue"`
	DateValue     *string `xml:"DateValue"`
	DateTimeValue *string `xml:"DateTimeValue"`
}

func (v xVariableValue) value() string {
	for _, p := range []*string{v.TextValue, v.BooleanValue, v.IntegerValue, v.FloatValue, v.DateValue, v.DateTimeValue} {
		if p != nil {
			return *p
		}
	}
	return ""
}

type xRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

type xSources struct {
	TextSource []xTextSource `xml:"TextSource"`
	// Sources Verbatim does not read; counted for the warning.
	PictureSource []struct{} `xml:"PictureSource"`
	PDFSource     []struct{} `xml:"PDFSource"`
	AudioSource   []struct{} `xml:"AudioSource"`
	VideoSource   []struct{} `xml:"VideoSource"`
}

type xTextSource struct {
	GUID               string       `xml:"guid,attr"`
	Name               string       `xml:"name,attr,omitempty"`
	RichTextPath       string       `xml:"richTextPath,attr,omitempty"`
	PlainTextPath      string       `xml:"plainTextPath,attr,omitempty"`
	Description        string       `xml:"Description,omitempty"`
	PlainTextContent   *string      `xml:"PlainTextContent"`
	PlainTextSelection []xSelection `xml:"PlainTextSelection"`
	Coding             []xCoding    `xml:"Coding"`
}

type xSelection struct {
	GUID          string    `xml:"guid,attr"`
	Name          string    `xml:"name,attr,omitempty"`
	StartPosition *int      `xml:"startPosition,attr"`
	EndPosition   *int      `xml:"endPosition,attr"`
	Description   string    `xml:"Description,omitempty"`
	Coding        []xCoding `xml:"Coding"`
	NoteRef       []xRef    `xml:"NoteRef"`
}

// xNotes are the project's notes; a Note is a TextSourceType in the
// schema (Verbatim writes and reads its name, creator, time and plain
// text).
type xNotes struct {
	Note []xNote `xml:"Note"`
}

type xNote struct {
	GUID             string  `xml:"guid,attr"`
	Name             string  `xml:"name,attr,omitempty"`
	CreatingUser     string  `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string  `xml:"creationDateTime,attr,omitempty"`
	PlainTextContent *string `xml:"PlainTextContent"`
}

type xCoding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          *xRef  `xml:"CodeRef"`
}
