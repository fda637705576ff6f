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
	var server string
	c := &cobra.Command{
		Use:   "followup PATIENT",
		Short: "Assess a patient again and see what changed since last time",
		Long: `Assess a patient again, linked to their latest assessment. First ask what
became of each referral the patient agreed to last time (went, went and it
helped, or did not take it up and why); then the questions are asked afresh,
and the result and the note show the change in each domain and route since.

PATIENT is an NHS number (spaces allowed) or a local hospital number. The
assessment followed up is the patient's latest that counts: the current
version of their most recent assessment, leaving out any entered in error.

When this store has no assessment of the patient and a FHIR server is set
(--server, else fhir_server in the site config), the patient's assessments
are read from the server, every version, and kept in this store as copies
marked as from the server; the follow-up links to the latest of them, as it
would to one made here, and says where it came from.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := record.ParsePatientID(args[0])
			if err != nil {
				return fmt.Errorf("patient %q: %w", args[0], err)
			}
			if server == "" {
				server = a.siteServer()
			}
			var st *store.Store
			if server != "" {
				// The follow-up is saved here, whether or not this
				// machine has seen the patient before.
				st, err = a.openStore(cmd.ErrOrStderr())
			} else {
				st, err = a.existingStore()
			}
			if err != nil {
				return err
			}
			prev, err := st.Latest(p)
			if errors.Is(err, store.ErrNotFound) && server != "" {
				ctx, stop := cancelOnSignal(cmd.Context())
				_, rerr := a.readPatient(ctx, cmd.ErrOrStderr(), st, server, p)
				stop()
				if rerr != nil {
					return rerr
				}
				if prev, err = st.Latest(p); err == nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "Following up %s of %s, read from the FHIR server %s.\n", prev.ID, prev.Time.Local().Format("2006-01-02"), server)
				}
			}
			if errors.Is(err, store.ErrNotFound) {
				where := st.Path()
				if server != "" {
					where += " or on the FHIR server " + server
				}
				return fmt.Errorf("patient %s has no earlier assessment to follow up in %s (none saved, or every one entered in error): start a new assessment with digicheck new", p, where)
			}
			if err != nil {
				return err
			}
			return a.runAssessment(cmd, st, ui.Options{FollowUp: &prev}, func(d store.Draft) bool {
				return d.Amends.IsZero() && d.FollowsUp == prev.ID
			})
		},
	}
	c.Flags().StringVar(&server, "server", "", "the FHIR server to read the patient's assessments from when this store has none (default: fhir_server in the site config)")
	return c
}
