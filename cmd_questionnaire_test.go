package main

import (
	"strings"
	"testing"

	"digicheck/site"
)

// TestQuestionnairePrintsTheCurrentVersionOrTheOneAskedFor: the
// questionnaire printed is the one new assessments ask, unless --version
// names an earlier one (the one older records point at); a version this
// digicheck does not have is refused, with those it has.
func TestQuestionnairePrintsTheCurrentVersionOrTheOneAskedFor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "fhir"}, `"version": "2"`},
		{[]string{"--format", "fhir", "--version", "1"}, `"version": "1"`},
		{[]string{"--version", "1"}, "Which language does the interpreter need to speak?"},
	} {
		out, _, err := execute(&app{settings: site.Settings{}}, (*app).questionnaireCmd, "", tc.args...)
		if err != nil || !strings.Contains(out, tc.want) {
			t.Errorf("questionnaire %v: %v, output without %q:\n%.300s", tc.args, err, tc.want, out)
		}
	}
	out, _, _ := execute(&app{}, (*app).questionnaireCmd, "", "--version", "1")
	if strings.Contains(out, "Because of a disability") {
		t.Error("version 1 printed with version 2's questions")
	}
	_, _, err := execute(&app{}, (*app).questionnaireCmd, "", "--version", "9")
	if err == nil || !strings.Contains(err.Error(), "versions 1, 2") {
		t.Errorf("an unknown version: %v", err)
	}
}
