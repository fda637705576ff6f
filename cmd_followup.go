package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"digicheck/record"
	"digicheck/store"
	"digicheck/ui"
)

func (a *app) followupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "followup PATIENT",
		Short: "Assess a patient again and see what changed since last time",
		Long: `Assess a patient again, linked to their latest assessment. First ask what
became of each referral the patient agreed to last time (went, went and it
helped, or did not take it up and why); then the questions are asked afresh,
and the result and the note show the change in each domain and route since.

PATIENT is an NHS number (spaces allowed) or a local hospital number. The
assessment followed up is the patient's latest that counts: the current
version of their most recent assessment, leaving out any entered in error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := record.ParsePatientID(args[0])
			if err != nil {
				return fmt.Errorf("patient %q: %w", args[0], err)
			}
			st, err := a.existingStore()
			if err != nil {
				return err
			}
			prev, err := st.Latest(p)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("patient %s has no earlier assessment to follow up in %s (none saved, or every one entered in error): start a new assessment with digicheck new", p, st.Path())
			}
			if err != nil {
				return err
			}
			return a.runAssessment(cmd, st, ui.Options{FollowUp: &prev}, func(d store.Draft) bool {
				return d.Amends.IsZero() && d.FollowsUp == prev.ID
			})
		},
	}
}
