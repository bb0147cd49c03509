package frontend

// PrivacyView is the study page's privacy form (researchers and admins).
type PrivacyView struct {
	StudyID int64
	Redact  bool
	Kinds   []KindOption
	// KeepOriginals shows as a choice only to admins (CanKeep).
	KeepOriginals, CanKeep bool
	Saved                  bool
	// KeepWords are the words never redacted, comma-separated.
	KeepWords string
	// Pass says how the pass applying redaction to stored text went ("" when
	// none ran in this process); PassRunning is true while it runs.
	Pass        string
	PassRunning bool
}

// KindOption is one kind of span redaction may replace.
type KindOption struct {
	Name string
	On   bool
}

// OriginalRow is a pseudonym and what it replaced (admins only, when the
// study keeps originals).
type OriginalRow struct {
	Label, Original string
}
