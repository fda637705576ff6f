// Command fhirsample prints what digicheck's FHIR export writes for a fixed
// set of sample assessments, for the independent validator in
// tools/fhir-validate to check:
//
//	fhirsample questionnaire   the instrument as an R4 Questionnaire (JSON)
//	fhirsample responses       one QuestionnaireResponse per sample (NDJSON)
//
// It writes through the same functions as the real export, so a resource
// that passes here is one the program writes.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/questionnaire"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: fhirsample questionnaire|responses")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fhirsample:", err)
		os.Exit(1)
	}
}

func run(what string, w io.Writer) error {
	ins := questionnaire.V1
	bw := bufio.NewWriter(w)
	switch what {
	case "questionnaire":
		b, err := fhir.Questionnaire(ins)
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	case "responses":
		all, err := samples.All()
		if err != nil {
			return err
		}
		for _, s := range all {
			subj, err := fhir.SubjectFor(ins, s.Record.Patient, s.Identifiable, samples.Key)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
			b, err := fhir.Response(s.Record, ins, subj)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
			bw.Write(b)
			bw.WriteByte('\n')
		}
	default:
		return fmt.Errorf("unknown output %q: want questionnaire or responses", what)
	}
	return bw.Flush()
}
