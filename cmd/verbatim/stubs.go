package main

import (
	"context"
	"errors"
)

func cmdAnalyze(ctx context.Context, e env, args []string) error {
	return errors.New("not yet available")
}
func cmdEval(ctx context.Context, e env, args []string) error { return errors.New("not yet available") }
func cmdServe(ctx context.Context, e env, args []string) error {
	return errors.New("not yet available")
}
func cmdUser(ctx context.Context, e env, args []string) error { return errors.New("not yet available") }
func cmdToken(ctx context.Context, e env, args []string) error {
	return errors.New("not yet available")
}
