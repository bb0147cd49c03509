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
var institutionRE = regexp.MustCompile(`(?i)\b(?:our government|our (?:department|ministry|administration|agency|officials)|my (?:department|ministry|officials)|(?:i|we) (?:can )?(?:assure|reassure)|we(?: have|'ve)(?: (?:also|already|therefore|now|just|since|recently|further|indeed|quickly|immediately|significantly|substantially|actually|then))? (?:announced|invested|introduced|put in place|delivered|launched|committed|created|provided|made available|been working|taken|moved|increased|expanded|extended)|we are (?:also |already |now |therefore )?(?:investing|committed|delivering|providing|working|continuing|moving)|we will (?:continue|be there|always)|we continue to|our (?:plan|programs?|measures|investments?|approach|priority) (?:is|are|will|has|have))\b`)

// provisionRE states what others may have or do, the way an institution
// answers a complaint: "They can have access to the wage subsidy.",
// "Businesses are eligible for the rent relief.", "It is available to
// every small firm." The subject is a third party or a provision, never
// the speaker: "we can access the data" is a buyer describing their work.
var provisionRE = regexp.MustCompile(`(?i)(?:^|[,;:]\s*|\b(?:and|so|but|now|already|yes|indeed)\s+)(?:they|these|those|businesses|companies|firms|employers|workers|employees|people|families|citizens|residents|students|users|customers|applicants|everyone|anyone|everybody|anybody|all|each|every\s+\w+|it|this|that|the\s+(?:\w+\s+){0,3}(?:program|programs|benefit|benefits|subsidy|fund|funding|support|measure|measures|service|services|option|feature|account|credit|relief|plan))\s+(?:\w+\s+)?(?:(?:can|could|may|will|will be able to|are able to|is able to)\s+(?:still\s+|also\s+|now\s+|already\s+|easily\s+)*(?:have access|access|apply|get|receive|obtain|claim|benefit|count on|rely on|qualify|be eligible|sign up|contact|call|turn to)|are eligible|is eligible|are entitled|is entitled|qualify|qualifies|are available|is available|remains available|remain available|are in place|is in place|are covered|is covered|have access|has access)\b`)

// negationRE is a negation: a sentence with one states a lack, not a
// provision ("They cannot have access to it").
var negationRE = regexp.MustCompile(`(?i)\b(?:not|no|never|cannot|can't|cant|couldn't|won't|isn't|aren't|don't|doesn't|didn't|unable|nobody|nothing|neither|nor|without|yet to)\b|n't\b`)

// StatesProvision reports a sentence that tells what is available or
// allowed to others, without a negation: an institution's answer, never a
// buyer's objection.
func StatesProvision(text string) bool {
	return provisionRE.MatchString(text) && !negationRE.MatchString(text)
}

// SpeaksForInstitution reports a turn that states an institution's
// position in the first person, or what it provides to others.
func SpeaksForInstitution(text string) bool {
	return institutionRE.MatchString(text) || StatesProvision(text)
}

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
