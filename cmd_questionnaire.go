package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"digicheck/fhir"
	"digicheck/questionnaire"
)

// questionnaireCmd prints the instrument in use. It is plain output for
// review and for other systems, so it never starts the full-screen
// interface.
func (a *app) questionnaireCmd() *cobra.Command {
	var format, version string
	c := &cobra.Command{
		Use:   "questionnaire",
		Short: "Print the questions with their answer codes and bands, or as FHIR R4",
		Long: `Print the questionnaire in use.

--format text (the default) is for review by a QI team: every question
numbered in the order asked, with its linkId, the clinician's hint, when it
is asked, every answer with its code and score, and how each domain's score
is banded.

--format fhir prints it as a FHIR R4 Questionnaire in JSON, with its
canonical URL (under the site config's fhir_base) and version: the resource
that exported QuestionnaireResponses point at.

--version N prints an earlier version, the one older records were made
with (default: the version new assessments ask).`,
		Example: `  digicheck questionnaire
  digicheck questionnaire --format fhir > questionnaire.json
  digicheck questionnaire --version 1 --format fhir > questionnaire-1.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ins := questionnaire.Current
			if version != "" {
				var ok bool
				if ins, ok = questionnaire.Lookup(version); !ok {
					var have []string
					for _, v := range questionnaire.Versions() {
						have = append(have, v.Version)
					}
					return usageError{fmt.Errorf("no questionnaire version %q: this digicheck has versions %s", version, strings.Join(have, ", "))}
				}
			}
			switch format {
			case "text":
				return fhir.QuestionnaireText(cmd.OutOrStdout(), ins)
			case "fhir":
				// Under the site's canonical base, as its exports
				// and pushes point at it.
				b, err := fhir.Questionnaire(a.settings.Config.FHIRSite().Instrument(ins))
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s\n", b)
				return err
			}
			return usageError{fmt.Errorf("unknown format %q: use --format text or --format fhir", format)}
		},
	}
	c.Flags().StringVar(&format, "format", "text", "text (for review) or fhir (a FHIR R4 Questionnaire in JSON)")
	c.Flags().StringVar(&version, "version", "", "the questionnaire version to print (default: the current one)")
	return c
}
