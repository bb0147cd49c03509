package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

func openAccounts(ctx context.Context, data dataFlags) (*account.Service, func(), error) {
	svc, closeDB, err := app.OpenAccounts(ctx, data.config())
	if err != nil {
		return nil, nil, err
	}
	return svc, func() { _ = closeDB() }, nil
}

func cmdUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: verbatim user add NAME --role ROLE | verbatim user list")
		return errUsage
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	role := fs.String("role", "researcher", "admin, researcher, marketer or sales")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return errUsage
	}
	svc, done, err := openAccounts(ctx, *data)
	if err != nil {
		return err
	}
	defer done()
	switch args[0] {
	case "add":
		if len(pos) != 1 {
			fmt.Fprintln(e.stderr, "usage: verbatim user add NAME --role ROLE (password from stdin or VERBATIM_PASSWORD)")
			return errUsage
		}
		r, err := account.ParseRole(*role)
		if err != nil {
			return err
		}
		pw := os.Getenv("VERBATIM_PASSWORD")
		if pw == "" {
			line, _ := bufio.NewReader(e.stdin).ReadString('\n')
			pw = strings.TrimRight(line, "\r\n")
		}
		u, err := svc.CreateUser(ctx, pos[0], r, pw)
		if err != nil {
			return err
		}
		_ = svc.Record(ctx, account.Entry{Action: "user_create", UserName: "cli", Target: u.Name, Detail: "role " + string(u.Role)})
		fmt.Fprintf(e.stdout, "created user %d %s (%s)\n", u.ID, u.Name, u.Role)
	case "list":
		users, err := svc.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", u.ID, u.Name, u.Role, u.CreatedAt.Format("2006-01-02"))
		}
	default:
		return fmt.Errorf("unknown subcommand %q (want add or list)", args[0])
	}
	return nil
}

func cmdToken(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: verbatim token create --user NAME [--name LABEL] | token revoke ID | token list")
		return errUsage
	}
	fs := flag.NewFlagSet("token "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	user := fs.String("user", "", "user the token acts as")
	name := fs.String("name", "cli", "label for the token")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return errUsage
	}
	svc, done, err := openAccounts(ctx, *data)
	if err != nil {
		return err
	}
	defer done()
	switch args[0] {
	case "create":
		// The user may be named as "user add" names one: token create NAME.
		if *user == "" && len(pos) == 1 {
			*user = pos[0]
		}
		if *user == "" || len(pos) > 1 || len(pos) == 1 && pos[0] != *user {
			fmt.Fprintln(e.stderr, "usage: verbatim token create --user NAME [--name LABEL]")
			return errUsage
		}
		u, err := svc.UserByName(ctx, *user)
		if err != nil {
			return err
		}
		id, tok, err := svc.CreateToken(ctx, u.ID, *name)
		if err != nil {
			return err
		}
		_ = svc.Record(ctx, account.Entry{Action: "token_create", UserName: "cli", Target: u.Name, Detail: "token " + strconv.FormatInt(id, 10)})
		fmt.Fprintln(e.stdout, tok)
		fmt.Fprintf(e.stderr, "token %d for %s; it is shown only this once\n", id, u.Name)
	case "revoke":
		if len(pos) != 1 {
			return errUsage
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return fmt.Errorf("token id %q is not a number", pos[0])
		}
		if err := svc.RevokeToken(ctx, id); err != nil {
			return err
		}
		_ = svc.Record(ctx, account.Entry{Action: "token_revoke", UserName: "cli", Target: "token " + pos[0]})
		fmt.Fprintf(e.stdout, "revoked token %d\n", id)
	case "list":
		toks, err := svc.Tokens(ctx, 0)
		if err != nil {
			return err
		}
		for _, t := range toks {
			state := "active"
			if t.RevokedAt != nil {
				state = "revoked"
			}
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", t.ID, t.UserName, t.Name, state)
		}
	default:
		return fmt.Errorf("unknown subcommand %q (want create, revoke or list)", args[0])
	}
	return nil
}
