package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

// cliAudit records what a command did in the audit log, as the command
// line (user 0, "cli").
func cliAudit(ctx context.Context, a *app.App, action, target, detail string) error {
	return a.Accounts().Record(ctx, account.Entry{At: time.Now().UTC(), UserName: "cli", Action: action, Target: target, Detail: detail})
}

// cmdRedact applies a study's redaction to what was stored before it
// redacted (docs/PRIVACY.md); --on turns redaction on first.
//
//	verbatim redact --study NAME [--on]
func cmdRedact(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("redact", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study (name or id; default: the most recently analysed)")
	on := fs.Bool("on", false, "turn the study's redaction on first (its kinds and keep words as set)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	a, st, err := openStudy(ctx, e, *data, *study, "redact")
	if err != nil {
		return err
	}
	defer a.Close()
	if *on {
		if err := a.EnableRedaction(ctx, st.ID); err != nil {
			return err
		}
	}
	pass, err := a.RedactStored(ctx, st.ID)
	if err != nil {
		return err
	}
	a.WaitAnalyses()
	if err := cliAudit(ctx, a, "redact_stored", "study "+strconv.FormatInt(st.ID, 10), fmt.Sprintf("%d sources", pass.Sources)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d of %d sources rewritten and re-indexed\n", st.Name, pass.Changed, pass.Sources)
	return nil
}

// cmdParticipant deletes a participant with everything of theirs
// (docs/PRIVACY.md), audited by id, never by name.
//
//	verbatim participant delete ID
func cmdParticipant(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("participant", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) != 2 || rest[0] != "delete" {
		fmt.Fprintln(e.stderr, "usage: verbatim participant delete ID")
		return errUsage
	}
	id, err := strconv.ParseInt(rest[1], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("participant delete: %q is no participant id", rest[1])
	}
	a, err := openApp(ctx, e, *data)
	if err != nil {
		return err
	}
	defer a.Close()
	p, rows, n, err := a.DeleteParticipant(ctx, id)
	if len(rows) > 0 {
		if aerr := cliAudit(ctx, a, "delete_participant", "participant "+strconv.FormatInt(id, 10), app.DeletedDetail(p, rows, n)); aerr != nil {
			return errors.Join(err, aerr)
		}
	}
	if err != nil {
		return err
	}
	a.WaitAnalyses()
	fmt.Fprintf(e.stdout, "participant %d deleted (rows %s) with %d quotes; the study is re-analysed\n", id, app.JoinIDs(rows), n)
	return nil
}
