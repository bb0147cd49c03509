package persona

import "regexp"

// Answerers: in a hearing, a press conference or a vendor's briefing, the
// people answering speak for the institution being questioned ("our
// government has invested…", "I can assure the member…"). What they say is
// the institution's position, not a buyer's view, so, like an interviewer,
// such a speaker is not quoted. They are told by the first person of an
// institution, which buyers describing their own work rarely use turn
// after turn.

// institutionRE is a first-person statement made for an institution: its
// commitments, measures and reassurances.
var institutionRE = regexp.MustCompile(`(?i)\b(?:our government|our (?:department|ministry|administration|agency|officials)|my (?:department|ministry|officials)|(?:i|we) (?:can )?(?:assure|reassure)|we(?: have|'ve) (?:announced|invested|introduced|put in place|delivered|launched|committed|created|provided|made available|been working|taken|moved|increased|expanded|extended)|we are (?:investing|committed|delivering|providing|working|continuing|moving)|we will (?:continue|be there|always)|we continue to|our (?:plan|programs?|measures|investments?|approach|priority) (?:is|are|will|has|have))\b`)

// SpeaksForInstitution reports a turn that states an institution's
// position in the first person.
func SpeaksForInstitution(text string) bool { return institutionRE.MatchString(text) }

// Answerer thresholds: a speaker answers for an institution when at least
// minInstitutionTurns of their turns, and a quarter of those that are not
// small talk, speak for it, in a conversation of at least three speakers
// (in a one-to-one interview the one answering is the buyer).
const (
	minInstitutionTurns   = 2
	minAnswererSpeakers   = 3
	institutionShareDenom = 4
)

// answers reports a speaker who answers for an institution.
func answers(s SpeakerStats) bool {
	turns := s.Turns - s.SmallTalk
	return s.Institutional >= minInstitutionTurns && institutionShareDenom*s.Institutional >= turns
}
