package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"digicheck/questionnaire"
	"digicheck/store"
)

func (a *app) voidCmd() *cobra.Command {
	var reason, clinician string
	c := &cobra.Command{
		Use:   "void ID --reason TEXT [--clinician NAME]",
		Short: "Mark an assessment entered in error, keeping it and saying why",
		Long: `Mark an assessment entered in error: made for the wrong patient, or by
mistake. Nothing is deleted: a new version is saved with status
entered-in-error, the reason, and who did it and when, and summaries stop
counting the assessment. ID is the record id, or its first 8 or more
characters as history shows them, and must be the assessment's current
version (digicheck show ID lists the versions). --clinician names who marks
it (default: your login name). To correct the answers instead, use
digicheck amend ID.

When the site names a FHIR server (fhir_server), versions of the patient
made on another machine are read from it first, and the void is sent to it
after it is saved, waiting at most 15 seconds: it says whether it was sent,
and if not, the next push sends it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reason, err := changeReason(reason)
			if err != nil {
				return err
			}
			by, err := a.changeClinician(clinician)
			if err != nil {
				return err
			}
			st, err := a.existingStore()
			if err != nil {
				return err
			}
			if err := a.newerFirst(cmd, st, args[0]); err != nil {
				return err
			}
			old, err := st.Find(args[0])
			if err != nil {
				return err
			}
			// A void behind a version the server refused on a push is
			// made, and said not sent: marking a record entered in
			// error does not wait for the conflict. One on a state the
			// server has moved past, which this machine could not take
			// in (perhaps the server's own void), is refused until the
			// clinician has looked at the server's.
			if k, ok := a.conflictIn(st, old); ok && k.NotTakenIn {
				return conflictRefusal("voided", old, k)
			}
			v, err := st.Void(old.ID, store.Voiding{Reason: reason, Clinician: by, Team: a.settings.Team})
			if err != nil {
				return err
			}
			who := v.Clinician
			if v.Team != "" {
				who += " (" + v.Team + ")"
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Marked entered in error: %s (patient %s)\nNew version: %s, %s by %s\nReason: %s\n",
				v.Amends, questionnaire.Printable(v.Patient.String()), v.ID, v.Time.Local().Format("2006-01-02 15:04"),
				questionnaire.Printable(who), questionnaire.Printable(v.VoidReason))
			if err != nil {
				return err
			}
			// As the screens do after a save: the void is kept here
			// whatever the server says.
			a.pushChange(cmd.OutOrStdout(), st, v)
			return nil
		},
	}
	c.Flags().StringVar(&reason, "reason", "", "why the assessment was entered in error (required)")
	c.Flags().StringVar(&clinician, "clinician", "", "who is marking it (default: the config's clinician, else your login name)")
	return c
}

// Limits on what a void or an amendment records: a name as the screens
// take it, and a reason a person reads in history.
const (
	maxNameLen   = 60
	maxReasonLen = 500
)

// changeReason checks the reason given for a void or an amendment: an
// audit trail keeps a reason for every change, and the reason is printed
// wherever the change is, so it may hold no control characters.
func changeReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", errors.New(`say why with --reason "...": the reason is kept with the record`)
	}
	if err := questionnaire.CheckText(reason); err != nil {
		return "", fmt.Errorf("--reason: %w", err)
	}
	if n := len([]rune(reason)); n > maxReasonLen {
		return "", fmt.Errorf("--reason: %d characters; say it in at most %d", n, maxReasonLen)
	}
	return reason, nil
}

// changeClinician is who a void or an amendment is attributed to: the
// name given, else the site config's clinician (a laptop that is one
// nurse's), else the login name.
func (a *app) changeClinician(name string) (string, error) {
	given := name != ""
	name = strings.TrimSpace(name)
	if given && name == "" {
		// A name was given but is blank (an unset variable, say): the
		// change must not be put down to the login without a word.
		return "", errors.New(`--clinician is blank: give the name of who is making the change`)
	}
	if name == "" {
		name = a.defaultClinician()
	}
	if len([]rune(name)) > maxNameLen {
		return "", fmt.Errorf("--clinician: %d characters is too long for a name (at most %d)", len([]rune(name)), maxNameLen)
	}
	if err := questionnaire.CheckText(name); err != nil {
		return "", fmt.Errorf("--clinician: %w", err)
	}
	if name == "" {
		return "", errors.New(`say who is making the change with --clinician "..."`)
	}
	return name, nil
}
