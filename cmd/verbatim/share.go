package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/verbatimhq/verbatim/app"
)

// cmdShare lists or changes who sees a study (docs/ACCESS.md). The command
// line acts as an admin: it may share any study.
//
//	verbatim share --study NAME                  who sees it
//	verbatim share --study NAME --role sales     share with every sales rep
//	verbatim share --study NAME --user mo        share with one user
//	verbatim share --study NAME --role sales --remove
func cmdShare(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("share", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study (name or id; default: the most recently analysed)")
	role := fs.String("role", "", "share with every user of this role: researcher, marketer or sales")
	user := fs.String("user", "", "share with this user (name)")
	remove := fs.Bool("remove", false, "stop sharing with --role or --user instead")
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	a, st, err := openStudy(ctx, e, *data, *study, "share")
	if err != nil {
		return err
	}
	defer a.Close()
	sh := app.Share{Role: *role, User: *user}
	var acc app.StudyAccess
	switch {
	case sh.Role == "" && sh.User == "":
		if *remove {
			return fmt.Errorf("share: --remove needs --role or --user")
		}
		acc, err = a.StudyAccess(ctx, st.ID)
	case *remove:
		acc, err = a.UnshareStudy(ctx, st.ID, sh)
	default:
		acc, err = a.ShareStudy(ctx, st.ID, sh)
	}
	if err != nil {
		return err
	}
	printAccess(e.stdout, st.Name, acc)
	return nil
}

func printAccess(w io.Writer, name string, acc app.StudyAccess) {
	owner := acc.OwnerName
	if owner == "" {
		owner = "nobody (created from the command line or before sharing existed)"
	}
	fmt.Fprintf(w, "%s: owned by %s; admins see it\n", name, owner)
	if len(acc.Members) == 0 {
		fmt.Fprintln(w, "shared with nobody else")
	}
	for _, m := range acc.Members {
		if m.Role != "" {
			fmt.Fprintf(w, "shared with every %s\n", m.Role)
		} else {
			fmt.Fprintf(w, "shared with %s\n", m.UserName)
		}
	}
}
