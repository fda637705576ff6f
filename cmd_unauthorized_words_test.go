package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/fhirclient"
)

// TestRefusedCredentialsTellTheClinicianToTellIT: a 401 told the
// clinician the site's FHIR settings needed fixing and to see
// docs/fhir-server.md: neither is the clinician's to do. Both forms say to
// tell IT, and the lines of a command's error stay within 80 columns.
func TestRefusedCredentialsTellTheClinicianToTellIT(t *testing.T) {
	fe := &fhirclient.Error{Kind: fhirclient.ErrUnauthorized, Status: 401}
	for name, said := range map[string]string{"unauthorizedWhy": unauthorizedWhy(fe), "unauthorizedLines": unauthorizedLines(fe)} {
		all := strings.Join(strings.Fields(said), " ")
		for _, want := range []string{"refused this machine's credentials (401)", "tell IT"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s does not say %q: %q", name, want, said)
			}
		}
	}
	for _, l := range strings.Split(unauthorizedLines(fe), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("unauthorizedLines: a line of %d columns: %q", w, l)
		}
	}
}
