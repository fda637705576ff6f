package questionnaire_test

import (
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// BenchmarkAssess works out an assessment (a patient offline, with a
// barrier in every domain, so every programme is weighed) against the
// national directory, whose version is kept once worked out, and against
// the same programmes in a directory made as a literal, whose version is
// worked out on every call: the ratio of the two is what keeping it saves.
//
//	go test -run x -bench Assess -benchmem ./questionnaire/
func BenchmarkAssess(b *testing.B) {
	a := testkit.Offline(nil)
	for _, c := range []struct {
		name string
		dir  questionnaire.Directory
	}{
		{"version kept", questionnaire.National},
		{"version hashed on every call", questionnaire.Directory{Programmes: questionnaire.National.Programmes}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := questionnaire.V1.Assess(a, c.dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
