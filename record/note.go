package record

import (
	"fmt"
	"strings"

	"digicheck/questionnaire"
)

// Note is the plain-text block a clinician pastes into the patient record:
// date, instrument version, the four bands, routes, adjustments and the
// referrals made or declined. It is ASCII only, so it pastes into any EHR.
func Note(r Record) string {
	var b strings.Builder
	rec := r.Recommendation
	fmt.Fprintf(&b, "Digital inclusion check (digicheck, instrument v%s)\n", r.InstrumentVersion)
	fmt.Fprintf(&b, "Date: %s  Patient: %s  By: %s", r.Time.Local().Format("2006-01-02 15:04"), r.Patient, r.Clinician)
	if r.Team != "" {
		fmt.Fprintf(&b, " (%s)", r.Team)
	}
	b.WriteString("\n")
	if r.Status == EnteredInError {
		fmt.Fprintf(&b, "ENTERED IN ERROR: %s\n", r.VoidReason)
	}
	b.WriteString("Barriers: ")
	for i, d := range questionnaire.Domains {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s", d.Title(), r.Bands.Get(d))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Contact by: %s. Fallback: %s.\n", rec.Primary.Title(), rec.Fallback.Title())
	switch {
	case rec.Choice == "":
		b.WriteString("Patient's choice: no preference.\n")
	case rec.ChoiceHonoured:
		fmt.Fprintf(&b, "Patient's choice: %s (honoured).\n", rec.Choice.Title())
	default:
		fmt.Fprintf(&b, "Patient's choice: %s (not honoured: %s).\n", rec.Choice.Title(), rec.ChoiceNote)
	}
	if len(rec.Adjustments) > 0 {
		b.WriteString("Adjustments:\n")
		for _, a := range rec.Adjustments {
			fmt.Fprintf(&b, "- %s\n", a.Text)
		}
	}
	if len(rec.Referrals) > 0 {
		b.WriteString("Referrals:\n")
		for _, f := range rec.Referrals {
			consent := f.Consent
			if consent == "" {
				consent = "not asked"
			}
			fmt.Fprintf(&b, "- %s: %s\n", f.Name, consent)
		}
	} else {
		b.WriteString("Referrals: none needed.\n")
	}
	fmt.Fprintf(&b, "Record id: %s\n", r.ID)
	return b.String()
}
