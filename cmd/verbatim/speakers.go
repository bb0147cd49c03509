package main

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

const speakersUsage = "whether the same speaker name in different files is one person, kept as the study's setting: " +
	"auto (default: names and roles like \"Project Manager\" are, placeholders like \"Speaker 2\" are not), same, or separate"

// setSpeakers sets the study's speaker identity when the flag was given.
func setSpeakers(ctx context.Context, e env, a *app.App, studyID int64, flag string) error {
	if flag == "" {
		return nil
	}
	mode, err := persona.ParseSpeakerIdentity(flag)
	if err != nil {
		fmt.Fprintln(e.stderr, "verbatim:", err)
		return errUsage
	}
	return a.SetStudySpeakers(ctx, studyID, mode)
}
