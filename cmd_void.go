package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"digicheck/store"
)

func (a *app) voidCmd() *cobra.Command {
	var reason string
	c := &cobra.Command{
		Use:   "void ID --reason TEXT",
		Short: "Mark an assessment entered in error, keeping it and saying why",
		Long: `Mark an assessment entered in error: made for the wrong patient, or by
mistake. Nothing is deleted: a new version is saved with status
entered-in-error, the reason, and who did it and when, and summaries stop
counting the assessment. ID is the record id, or its first 8 or more
characters, and must be the assessment's current version (digicheck show ID
lists the versions). To correct the answers instead, use digicheck amend ID.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(reason) == "" {
				return errors.New(`say why with --reason "...": the reason is kept with the record`)
			}
			st, err := a.existingStore()
			if err != nil {
				return err
			}
			v, err := st.Void(args[0], store.Voiding{Reason: reason, Clinician: currentUser(), Team: a.settings.Team})
			if err != nil {
				return err
			}
			by := v.Clinician
			if v.Team != "" {
				by += " (" + v.Team + ")"
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Marked entered in error: %s (patient %s)\nNew version: %s, %s by %s\nReason: %s\n",
				v.Amends, v.Patient, v.ID, v.Time.Local().Format("2006-01-02 15:04"), by, v.VoidReason)
			return err
		},
	}
	c.Flags().StringVar(&reason, "reason", "", "why the assessment was entered in error (required)")
	return c
}
