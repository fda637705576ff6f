package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
	"digicheck/ui"
)

func (a *app) amendCmd() *cobra.Command {
	var reason, clinician string
	c := &cobra.Command{
		Use:   "amend ID --reason TEXT [--clinician NAME]",
		Short: "Correct a saved assessment: a new version that supersedes it",
		Long: `Correct a saved assessment. The assessment opens with the patient fixed and
every answer as recorded; change what was wrong, go through the result with
the patient (each referral keeps the answer given before, unless the
corrected answers give it for another reason) and save. Nothing is
overwritten: the amendment is saved as a new version, with status amended,
that supersedes the one given, and history shows both. With plain prompts
(--accessible, or answers piped in) the review reads out every answer and
offers each section to change.

ID is the record id, or its first 8 or more characters as history shows
them, and must be the assessment's current version (digicheck show ID lists
the versions). --reason says why it is corrected, and is kept with the
amendment; --clinician names who corrects it (without it, they type their name on
the first screen; the login name is never used). A name holding ten digits in a row, as a
patient's number has, is refused, as the screens refuse it; a --clinician
or --reason refused ends with exit status 2, and nothing is saved. When the
site names a FHIR server (fhir_server), the assessment's versions made on
another machine are read from it first, waiting at most a few seconds: an
assessment changed there since is amended on its latest version; and the
amendment is sent to it once saved, waiting at most 15 seconds. To mark an
assessment made for the wrong patient, use digicheck void instead.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			reason, err := changeReason(reason)
			if err != nil {
				return err
			}
			// Without --clinician, who amends types their name on the
			// first screen: the login name is never put there.
			var by string
			if clinician != "" {
				if by, err = a.changeClinician(clinician); err != nil {
					return err
				}
			} else if err := a.checkOfferedClinician(); err != nil {
				return err
			}
			st, closeStore, err := a.assessedStore(a.existingStore)
			defer func() { err = closeStore(err) }()
			if err != nil {
				return err
			}
			// What the server's answer says is printed, and shown again
			// on the full-screen UI's first screen, which would
			// otherwise hide it before it could be read.
			var said strings.Builder
			stderr := cmd.ErrOrStderr()
			// At a terminal, at whole words at its width (sayOut): the
			// terminal cut it mid-word, and it stays above the full
			// screen once that ends.
			errOut, done := sayOut(stderr)
			cmd.SetErr(io.MultiWriter(errOut, &said))
			err = a.newerFirst(cmd, st, args[0])
			done()
			cmd.SetErr(stderr)
			if err != nil {
				return err
			}
			r, err := amendable(st, args[0], a.given)
			if err != nil {
				return err
			}
			if err := assess.CheckNotPatient(by, r.Patient); err != nil {
				return usageError{fmt.Errorf("--clinician: %w", err)}
			}
			if err := assess.CheckReasonOf(reason, r.Patient); err != nil {
				return usageError{fmt.Errorf("--reason: %w", err)}
			}
			if a.siteServer() != "" {
				a.askedOf = r.Patient // for this run's drafts only
				defer func() { a.askedOf = record.PatientID{} }()
			}
			if k, ok := a.conflictIn(st, r); ok {
				return a.settleFirstHere(cmd, st, "amended", r, k)
			}
			o := ui.Options{Amend: &r, AmendReason: reason, Clinician: by, Notice: serverNotice(said.String())}
			err = a.runAssessment(cmd, st, o, func(d store.Draft) bool { return d.Amends == r.ID })
			if err != nil && !errors.As(err, new(stoppedError)) {
				return err
			}
			// Stopped with ctrl+c after the amendment was saved, the
			// push of that save is still finished below, then the run
			// ends with the stop's status.
			// The push after the save runs in the background. The plain
			// prompts wait for it (cliPushWait) and say how it went, so
			// only the full-screen UI's, whose saved screen is gone, is
			// finished here, bounded, rather than lost with the process:
			// a piped amend said a failed push twice.
			if !a.fullScreen(cmd) {
				return err
			}
			if cur, err := st.Current(r.ID); err == nil && cur.ID != r.ID {
				out, done := sayOut(cmd.OutOrStdout())
				a.pushChange(out, st, cur)
				done()
			}
			return err
		},
	}
	c.Flags().StringVar(&reason, "reason", "", "why the assessment is corrected (required)")
	c.Flags().StringVar(&clinician, "clinician", "", "who is correcting it (without it, typed on the first screen)")
	return c
}

// amendable returns the record id names if it can be amended: it must be
// the current version of its assessment, and not entered in error. The
// refusal names the current version, so the clinician knows what to amend,
// and the command to amend it carries this run's --db and --config
// (given): pasted without them, it looked for the record in the default
// store.
func amendable(st *store.Store, id, given string) (record.Record, error) {
	r, err := st.Find(id)
	if err != nil {
		return record.Record{}, lostWithNewestSave(st, err, fmt.Sprintf("record %q", questionnaire.Printable(id)))
	}
	cur, err := st.Current(r.ID)
	if err != nil {
		return record.Record{}, err
	}
	switch {
	case cur.ID != r.ID && cur.Status == record.EnteredInError:
		return record.Record{}, fmt.Errorf("record %s cannot be amended: its assessment was marked entered in error by record %s (%s)", r.ID, cur.ID, questionnaire.PrintableTyped(cur.VoidReason))
	case cur.ID != r.ID:
		return record.Record{}, fmt.Errorf("record %s cannot be amended: it is not the current version of its assessment; %s is. Amend that one: %s", r.ID, cur.ID, assess.Command(given, "amend", cur.ID.String()))
	case r.Status == record.EnteredInError:
		return record.Record{}, fmt.Errorf("record %s cannot be amended: it marks an assessment entered in error (%s)", r.ID, questionnaire.PrintableTyped(r.VoidReason))
	}
	return r, nil
}
