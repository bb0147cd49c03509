package store

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

type studyRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	OwnerID   int64
	CreatedAt time.Time
	Speakers  string
}

func (studyRow) TableName() string { return "studies" }

type sourceRow struct {
	ID         int64 `gorm:"primaryKey"`
	StudyID    int64
	Kind       string
	Name       string
	Format     string
	SHA256     string `gorm:"column:sha256"`
	Size       int64
	ImportedAt time.Time
	Warnings   string
	Indexed    bool
	NonAnswers int
}

func (sourceRow) TableName() string { return "sources" }

type participantRow struct {
	ID          int64 `gorm:"primaryKey"`
	StudyID     int64
	SourceID    int64
	Label       string
	Interviewer bool
	RoleSet     bool
	Attributes  string
	PersonaID   int64
}

func (participantRow) TableName() string { return "participants" }

type turnRow struct {
	ID            int64 `gorm:"primaryKey"`
	SourceID      int64
	ParticipantID int64
	Speaker       string
	Seq           int
	StartMS       int64 `gorm:"column:start_ms"`
	EndMS         int64 `gorm:"column:end_ms"`
	Text          string
	Line          int
	Question      string
}

func (turnRow) TableName() string { return "turns" }

type quoteRow struct {
	ID             int64 `gorm:"primaryKey"`
	StudyID        int64
	SourceID       int64
	ParticipantID  int64
	TurnID         int64
	Kind           string
	Text           string
	Start          int
	End            int   `gorm:"column:end"`
	AtMS           int64 `gorm:"column:at_ms"`
	Line           int
	Question       string
	Tokens         string
	Ring           string
	RingConfidence float64
	RingSet        bool
	ThemeID        int64
	Hidden         bool
}

func (quoteRow) TableName() string { return "quotes" }

func studyFromRow(r studyRow) persona.Study {
	speakers, err := persona.ParseSpeakerIdentity(r.Speakers)
	if err != nil {
		speakers = persona.SpeakersAuto // a value a later version wrote
	}
	return persona.Study{ID: r.ID, Name: r.Name, OwnerID: r.OwnerID, CreatedAt: r.CreatedAt, Speakers: speakers}
}

func sourceFromRow(r sourceRow) persona.Source {
	s := persona.Source{ID: r.ID, StudyID: r.StudyID, Kind: persona.Kind(r.Kind), Name: r.Name,
		Format: r.Format, SHA256: r.SHA256, Size: r.Size, ImportedAt: r.ImportedAt, NonAnswers: r.NonAnswers}
	if r.Warnings != "" {
		s.Warnings = strings.Split(r.Warnings, "\n")
	}
	return s
}

func participantFromRow(r participantRow) persona.Participant {
	p := persona.Participant{ID: r.ID, StudyID: r.StudyID, SourceID: r.SourceID, Label: r.Label,
		Interviewer: r.Interviewer, RoleSet: r.RoleSet, PersonaID: r.PersonaID}
	_ = json.Unmarshal([]byte(r.Attributes), &p.Attributes)
	return p
}

func turnFromRow(r turnRow) persona.Turn {
	return persona.Turn{ID: r.ID, SourceID: r.SourceID, ParticipantID: r.ParticipantID, Speaker: r.Speaker,
		Seq: r.Seq, StartMS: r.StartMS, EndMS: r.EndMS, Text: r.Text, Line: r.Line, Question: r.Question}
}

func quoteFromRow(r quoteRow) persona.Quote {
	return persona.Quote{ID: r.ID, StudyID: r.StudyID, SourceID: r.SourceID, ParticipantID: r.ParticipantID,
		TurnID: r.TurnID, Kind: persona.Kind(r.Kind), Text: r.Text, Start: r.Start, End: r.End, AtMS: r.AtMS, Line: r.Line,
		Question: r.Question, Tokens: decodeTokens(r.Tokens), Ring: persona.Ring(r.Ring),
		RingConfidence: r.RingConfidence, RingSet: r.RingSet, ThemeID: r.ThemeID, Hidden: r.Hidden}
}

// encodeTokens stores analysis tokens compactly as "word/TAG word/TAG".
// Tokens never contain spaces; a word may contain "/", so the tag is after
// the last one.
func encodeTokens(toks []persona.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(t.Text, " ", "_"))
		b.WriteByte('/')
		b.WriteString(t.Tag)
	}
	return b.String()
}

func decodeTokens(s string) []persona.Token {
	if s == "" {
		return nil
	}
	fields := strings.Fields(s)
	out := make([]persona.Token, 0, len(fields))
	for _, f := range fields {
		i := strings.LastIndexByte(f, '/')
		if i < 0 {
			out = append(out, persona.Token{Text: f})
			continue
		}
		out = append(out, persona.Token{Text: f[:i], Tag: f[i+1:]})
	}
	return out
}

func marshalAttrs(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m)
	return string(b)
}
