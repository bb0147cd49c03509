// Package samples embeds Verbatim's demo study — buyer interviews in every
// supported transcript format and a survey export — so `verbatim serve`
// can load it on first run wherever the binary is.
package samples

import "embed"

// FS holds the demo files under interviews/ and survey/,
// participants.csv: the interviewees' role, industry and company size, and
// outcomes.csv: how each interviewee's evaluation ended (README.md).
//
//go:embed interviews survey participants.csv outcomes.csv
var FS embed.FS

// StudyName is the name of the demo study.
const StudyName = "Demo: Fieldnote buyer study"
