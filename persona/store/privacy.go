package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

type privacyRow struct {
	StudyID       int64 `gorm:"primaryKey;autoIncrement:false"`
	Redact        bool
	Kinds         string
	KeepOriginals bool
	KeepWords     string
	Secret        string
	UpdatedAt     time.Time
}

func (privacyRow) TableName() string { return "study_privacy" }

type pseudonymRow struct {
	StudyID int64  `gorm:"primaryKey;autoIncrement:false"`
	Kind    string `gorm:"primaryKey"`
	Hash    string `gorm:"primaryKey"`
	N       int
}

func (pseudonymRow) TableName() string { return "pseudonyms" }

type originalRow struct {
	ID       int64 `gorm:"primaryKey"`
	StudyID  int64
	SourceID int64
	Label    string
	Original string
}

func (originalRow) TableName() string { return "redaction_originals" }

func privacyFromRow(r privacyRow) persona.Privacy {
	p := persona.Privacy{StudyID: r.StudyID, Redact: r.Redact, KeepOriginals: r.KeepOriginals, UpdatedAt: r.UpdatedAt.UTC()}
	for _, k := range strings.Split(r.Kinds, ",") {
		if k != "" {
			p.Kinds = append(p.Kinds, redact.Kind(k))
		}
	}
	if len(p.Kinds) == 0 {
		p.Kinds = append([]redact.Kind(nil), redact.DefaultKinds...)
	}
	p.KeepWords = []string{}
	for _, w := range strings.Split(r.KeepWords, "\n") {
		if w != "" {
			p.KeepWords = append(p.KeepWords, w)
		}
	}
	return p
}

// Privacy returns a study's privacy settings and the secret keying its
// pseudonyms, creating both (redaction off, a fresh random secret) the
// first time they are asked for.
func (s *Store) Privacy(ctx context.Context, studyID int64) (persona.Privacy, []byte, error) {
	r, err := s.privacyRow(ctx, studyID)
	if err != nil {
		return persona.Privacy{}, nil, err
	}
	key, err := hex.DecodeString(r.Secret)
	if err != nil {
		return persona.Privacy{}, nil, fmt.Errorf("store: privacy of study %d: secret: %w", studyID, err)
	}
	return privacyFromRow(r), key, nil
}

func (s *Store) privacyRow(ctx context.Context, studyID int64) (privacyRow, error) {
	if _, err := s.Study(ctx, studyID); err != nil {
		return privacyRow{}, err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return privacyRow{}, fmt.Errorf("store: privacy secret: %w", err)
	}
	fresh := privacyRow{StudyID: studyID, Secret: hex.EncodeToString(secret), UpdatedAt: sqldb.Time(time.Now())}
	db := s.db.WithContext(ctx)
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&fresh).Error; err != nil {
		return privacyRow{}, fmt.Errorf("store: privacy of study %d: %w", studyID, err)
	}
	var r privacyRow
	if err := db.Where("study_id = ?", studyID).First(&r).Error; err != nil {
		return privacyRow{}, notFound("privacy of study", studyID, err)
	}
	return r, nil
}

// SetPrivacy saves a study's privacy settings, keeping its secret.
func (s *Store) SetPrivacy(ctx context.Context, p persona.Privacy) (persona.Privacy, error) {
	if err := p.Validate(); err != nil {
		return persona.Privacy{}, fmt.Errorf("store: set privacy of study %d: %w", p.StudyID, err)
	}
	if _, err := s.privacyRow(ctx, p.StudyID); err != nil {
		return persona.Privacy{}, err
	}
	kinds := make([]string, len(p.Kinds))
	for i, k := range p.Kinds {
		kinds[i] = string(k)
	}
	err := s.db.WithContext(ctx).Model(&privacyRow{}).Where("study_id = ?", p.StudyID).Updates(map[string]any{
		"redact": p.Redact, "kinds": strings.Join(kinds, ","), "keep_originals": p.KeepOriginals,
		"keep_words": strings.Join(cleanWords(p.KeepWords), "\n"),
		"updated_at": sqldb.Time(time.Now()),
	}).Error
	if err != nil {
		return persona.Privacy{}, fmt.Errorf("store: set privacy of study %d: %w", p.StudyID, err)
	}
	got, _, err := s.Privacy(ctx, p.StudyID)
	return got, err
}

// Pseudonyms returns the study's stored pseudonyms (keyed hashes and
// numbers, never an original).
func (s *Store) Pseudonyms(ctx context.Context, studyID int64) ([]redact.Entry, error) {
	var rows []pseudonymRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("kind, n").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: pseudonyms of study %d: %w", studyID, err)
	}
	out := make([]redact.Entry, len(rows))
	for i, r := range rows {
		out[i] = redact.Entry{Kind: redact.Kind(r.Kind), Hash: r.Hash, N: r.N}
	}
	return out, nil
}

// SavePseudonyms adds entries the study does not hold yet; a stored entry
// keeps its number.
func (s *Store) SavePseudonyms(ctx context.Context, studyID int64, entries []redact.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	rows := make([]pseudonymRow, len(entries))
	for i, e := range entries {
		rows[i] = pseudonymRow{StudyID: studyID, Kind: string(e.Kind), Hash: e.Hash, N: e.N}
	}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, s.sql.BatchRows(4)).Error
	if err != nil {
		return fmt.Errorf("store: save pseudonyms of study %d: %w", studyID, err)
	}
	return nil
}

// ReservePseudonym returns the number of a study's pseudonym (kind, keyed
// hash of the original): the stored one, or the next free number of the
// kind, stored now. Callers serialise it per study (app holds a cluster
// lock), so two files redacted at once never share or split a number.
func (s *Store) ReservePseudonym(ctx context.Context, studyID int64, kind, hash string) (int, error) {
	var n int
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []pseudonymRow
		if err := tx.Where("study_id = ? AND kind = ? AND hash = ?", studyID, kind, hash).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 1 {
			n = rows[0].N
			return nil
		}
		var top []int
		if err := tx.Model(&pseudonymRow{}).Where("study_id = ? AND kind = ?", studyID, kind).Pluck("COALESCE(MAX(n), 0)", &top).Error; err != nil {
			return err
		}
		n = 1
		if len(top) == 1 {
			n = top[0] + 1
		}
		return tx.Create(&pseudonymRow{StudyID: studyID, Kind: kind, Hash: hash, N: n}).Error
	})
	if err != nil {
		return 0, fmt.Errorf("store: reserve a pseudonym of study %d: %w", studyID, err)
	}
	return n, nil
}

// SaveOriginals keeps what a source's pseudonyms replaced (only when an
// admin chose to keep originals).
func (s *Store) SaveOriginals(ctx context.Context, studyID int64, originals []persona.Original) error {
	if len(originals) == 0 {
		return nil
	}
	rows := make([]originalRow, len(originals))
	for i, o := range originals {
		rows[i] = originalRow{StudyID: studyID, SourceID: o.SourceID, Label: o.Label, Original: o.Original}
	}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, s.sql.BatchRows(4)).Error
	if err != nil {
		return fmt.Errorf("store: save originals of study %d: %w", studyID, err)
	}
	return nil
}

// Originals returns a source's kept originals, for an admin only.
func (s *Store) Originals(ctx context.Context, sourceID int64) ([]persona.Original, error) {
	var rows []originalRow
	if err := s.db.WithContext(ctx).Where("source_id = ?", sourceID).Order("label, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: originals of source %d: %w", sourceID, err)
	}
	out := make([]persona.Original, len(rows))
	for i, r := range rows {
		out[i] = persona.Original{SourceID: r.SourceID, Label: r.Label, Original: r.Original}
	}
	return out, nil
}

// DeleteParticipant deletes a participant with their turns, quotes (and so
// their codings) and attributes, in one transaction, and returns the ids
// of the quotes removed (for the search index).
func (s *Store) DeleteParticipant(ctx context.Context, id int64) ([]int64, error) {
	var quoteIDs []int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var sourceIDs []int64
		if err := tx.Model(&participantRow{}).Where("id = ?", id).Pluck("source_id", &sourceIDs).Error; err != nil {
			return err
		}
		if err := tx.Model(&quoteRow{}).Where("participant_id = ?", id).Order("id").Pluck("id", &quoteIDs).Error; err != nil {
			return err
		}
		// Explicit deletes, children first, so nothing depends on the
		// database enforcing its foreign keys.
		for _, q := range []string{
			"DELETE FROM codings WHERE quote_id IN (SELECT id FROM quotes WHERE participant_id = ?)",
			// Their coding anchors hold their words: those placed on their
			// quotes and those of their turns waiting to be placed.
			"DELETE FROM coding_anchors WHERE quote_id IN (SELECT id FROM quotes WHERE participant_id = ?)",
			`DELETE FROM coding_anchors WHERE EXISTS (SELECT 1 FROM turns t JOIN sources s ON s.id = t.source_id
  WHERE t.participant_id = ? AND s.study_id = coding_anchors.study_id AND s.sha256 = coding_anchors.source_sha
  AND t.seq = coding_anchors.turn_seq)`,
			// So do the code examples and suggestions held off their
			// turns' quotes (a role change, a source deleted for a re-ingest).
			`DELETE FROM quote_anchors WHERE EXISTS (SELECT 1 FROM turns t JOIN sources s ON s.id = t.source_id
  WHERE t.participant_id = ? AND s.study_id = quote_anchors.study_id AND s.sha256 = quote_anchors.source_sha
  AND t.seq = quote_anchors.turn_seq)`,
			"DELETE FROM coding_settlements WHERE quote_id IN (SELECT id FROM quotes WHERE participant_id = ?)",
			"DELETE FROM quotes WHERE participant_id = ?",
			"DELETE FROM turns WHERE participant_id = ?",
			// A survey's stored non-answer count may have counted their
			// answers: counted anew when next shown.
			"UPDATE sources SET non_answers = -1 WHERE kind = 'survey' AND id = (SELECT source_id FROM participants WHERE id = ?)",
		} {
			if err := tx.Exec(q, id).Error; err != nil {
				return err
			}
		}
		res := tx.Delete(&participantRow{}, id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return persona.ErrNotFound
		}
		for _, src := range sourceIDs {
			if err := pruneOriginals(tx, src); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: delete participant %d: %w", id, err)
	}
	return quoteIDs, nil
}

// pruneOriginals deletes the kept originals of a source whose pseudonym
// nothing left of the source shows (its file name, speakers, attributes,
// turns and their questions): after a participant is deleted, the real
// name, e-mail or number behind a pseudonym only their words showed.
func pruneOriginals(tx *gorm.DB, sourceID int64) error {
	var originals []originalRow
	if err := tx.Where("source_id = ?", sourceID).Find(&originals).Error; err != nil || len(originals) == 0 {
		return err
	}
	var shown []string
	var names []string
	if err := tx.Model(&sourceRow{}).Where("id = ?", sourceID).Pluck("name", &names).Error; err != nil {
		return err
	}
	shown = append(shown, names...)
	var parts []participantRow
	if err := tx.Where("source_id = ?", sourceID).Find(&parts).Error; err != nil {
		return err
	}
	for _, p := range parts {
		shown = append(shown, p.Label, p.Attributes)
	}
	var turns []turnRow
	if err := tx.Select("speaker", "text", "question").Where("source_id = ?", sourceID).Find(&turns).Error; err != nil {
		return err
	}
	for _, t := range turns {
		shown = append(shown, t.Speaker, t.Text, t.Question)
	}
	all := strings.Join(shown, "\n")
	var gone []int64
	for _, o := range originals {
		if !strings.Contains(all, o.Label) {
			gone = append(gone, o.ID)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	return tx.Where("id IN ?", gone).Delete(&originalRow{}).Error
}

// cleanWords trims the keep words and drops empty and repeated ones.
func cleanWords(words []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		w = strings.Join(strings.Fields(w), " ")
		if w != "" && !seen[strings.ToLower(w)] {
			seen[strings.ToLower(w)] = true
			out = append(out, w)
		}
	}
	return out
}
