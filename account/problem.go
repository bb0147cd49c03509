package account

import "fmt"

// Problem is an error the person who caused it can fix. Error is for the
// log ("account: create user "mo": name taken: conflict"); Human is the
// sentence to show them. It wraps a persona sentinel, which sets the HTTP
// status.
type Problem struct {
	context string // what was being done, for the log
	human   string
	kind    error
}

func problem(kind error, human, context string, args ...any) *Problem {
	return &Problem{context: fmt.Sprintf(context, args...), human: human, kind: kind}
}

func (p *Problem) Error() string {
	return "account: " + p.context + ": " + p.human + ": " + p.kind.Error()
}

// Unwrap returns the persona sentinel.
func (p *Problem) Unwrap() error { return p.kind }

// Human is the message for the person who made the request.
func (p *Problem) Human() string { return p.human }
