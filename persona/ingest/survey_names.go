package ingest

import (
	"regexp"
	"strings"
)

// Header names of the metadata columns that survey tools add. Headers are
// compared normalised: lower case, runs of other characters than letters,
// digits and '#' turned into one space ("Submit Date (UTC)" -> "submit
// date utc", "participant_id" -> "participant id").
var (
	// respondentIDName names the respondent id: SurveyMonkey "Respondent
	// ID", Qualtrics "ResponseId", Typeform "#", panels "participant_id".
	respondentIDName = regexp.MustCompile(`^(#|id|(respondent|response|participant|submission|record) ?id)$`)
	// submittedName names the submission time: Google Forms "Timestamp",
	// Typeform "Submit Date (UTC)", SurveyMonkey "End Date", Qualtrics
	// "EndDate"/"RecordedDate", panels "..._completed_...".
	submittedName = regexp.MustCompile(`^(timestamp|submit(ted)?( date| at| time)?( utc)?|date submitted|end ?date( utc)?|recorded ?date|.*\bcompleted\b.*)$`)
	// metadataName names tool metadata dropped on import.
	metadataName = regexp.MustCompile(`^(ip( ?address)?|e ?mail( ?address)?|(recipient ?)?(first|last|full)? ?name|recipient ?e ?mail|` +
		`start ?date( utc)?|started( at)?|end ?date( utc)?|duration.*|progress|finished|status|recorded ?date|` +
		`network id|user ?agent|(location ?)?(latitude|longitude)|external ?(data ?)?reference|distribution ?channel|` +
		`custom data ?\d*|user ?language|response type|stage date( utc)?|.*\btoken)$`)
	// shortIDName is a header of at most three words ending in the word
	// "id" ("Collector ID", "engagement_id") or a known glued one
	// ("BrokerPanelId").
	shortIDName = regexp.MustCompile(`^(\S+ ){0,2}id$|^[a-z]*(panel|response|respondent|participant|user|collector|session|engagement)id$`)
	// otherName is an "Other (please specify)" follow-up: the typed text
	// behind a closed question's "Other" choice (Qualtrics "Q2_6_TEXT").
	otherName     = regexp.MustCompile(`\bother\b.*\b(specify|oe|text)\b|^other$`)
	otherQualtrix = regexp.MustCompile(`(?i)_\d+_TEXT$`)
	headerJunk    = regexp.MustCompile(`[^\p{L}\p{N}#]+`)
)

func normHeader(h string) string {
	return strings.TrimSpace(headerJunk.ReplaceAllString(strings.ToLower(h), " "))
}

// headerNames are the column's normalised names: its id, if any, and title.
func headerNames(c *surveyColumn) []string {
	names := []string{normHeader(c.title)}
	if c.id != "" {
		names = append(names, normHeader(c.id))
	}
	return names
}

// metadataByName classifies a column by its header, or returns
// kindUnknown. The id needs distinct values on every row, the submission
// time date values; otherwise such a column is dropped as metadata.
func metadataByName(c *surveyColumn, st colStats, rows int) colKind {
	for _, n := range headerNames(c) {
		switch {
		case respondentIDName.MatchString(n):
			if st.filled == rows && st.distinct == rows {
				return kindID
			}
			return kindSkip
		case submittedName.MatchString(n) && st.dates:
			return kindSubmitted
		case metadataName.MatchString(n), shortIDName.MatchString(n):
			return kindSkip
		}
	}
	return kindUnknown
}

// isOtherFollowUp reports the free text behind an "Other" choice. It stays
// an attribute beside its question rather than becoming a quote.
func isOtherFollowUp(c *surveyColumn) bool {
	if otherQualtrix.MatchString(c.id) {
		return true
	}
	for _, n := range headerNames(c) {
		if otherName.MatchString(n) {
			return true
		}
	}
	return false
}

// dateValue matches the dates and date-times survey tools write:
// 2025-07-02 18:14, 3/14/2024 10:02:31, 03/14/2024 10:02:31 AM,
// 2024-03-14T10:02:31Z, 14.03.2024.
var dateValue = regexp.MustCompile(`^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}` +
	`(([ T]|, )\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp]\.?[Mm]\.?)?( ?(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}))?)?$`)

// dateKind reports whether v is a date, and whether it has a time of day.
func dateKind(v string) (date, withTime bool) {
	if len(v) < 6 || len(v) > 40 || !dateValue.MatchString(v) {
		return false, false
	}
	return true, strings.Contains(v, ":")
}
