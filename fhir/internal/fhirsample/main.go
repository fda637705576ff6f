// Command fhirsample prints what digicheck's FHIR export writes for a fixed
// set of sample assessments, for the independent validator in
// tools/fhir-validate to check:
//
//	fhirsample questionnaire   the instrument as an R4 Questionnaire (JSON)
//	fhirsample responses       one QuestionnaireResponse per sample (NDJSON)
//	fhirsample resources       the resources derived from each sample's
//	                           response: Observations, Flags and
//	                           ServiceRequests (NDJSON)
//
// A second argument names the instrument version (default 1): with 2, the
// version 2 Questionnaire and the version 2 samples (samples.Version2),
// which new assessments make.
//
// It writes through the same functions as the real export and push, under
// the samples' site settings (a trust's base, local number system and ODS
// code), so a resource that passes here is one the program writes.
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
	if len(os.Args) != 2 && len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: fhirsample questionnaire|responses|resources [VERSION]")
		os.Exit(2)
	}
	version := "1"
	if len(os.Args) == 3 {
		version = os.Args[2]
	}
	if err := run(os.Args[1], version, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fhirsample:", err)
		os.Exit(1)
	}
}

func run(what, version string, w io.Writer) error {
	ins, ok := questionnaire.Lookup(version)
	if !ok {
		return fmt.Errorf("no instrument version %q", version)
	}
	all := samples.All
	if ins != questionnaire.V1 {
		all = samples.Version2
	}
	bw := bufio.NewWriter(w)
	switch what {
	case "questionnaire":
		b, err := fhir.Questionnaire(samples.Site.Instrument(ins))
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	case "responses", "resources":
		all, err := all()
		if err != nil {
			return err
		}
		byID := map[string]*samples.Sample{}
		for i := range all {
			byID[all[i].Record.ID.String()] = &all[i]
		}
		for _, s := range all {
			subj, err := samples.Site.Subject(ins, s.Record.Patient, s.Identifiable, samples.Key)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
			v := fhir.Version{Record: s.Record}
			if p, ok := byID[s.Record.Amends.String()]; ok {
				// What the amended version flagged and this one does
				// not is written retired.
				v.Previous = &p.Record
			}
			// An identifiable sample is written as a push writes it,
			// the record whole inside; the others as a pseudonymised
			// export does.
			o := fhir.ResponseOptions{Site: samples.Site, Pseudonymised: !s.Identifiable}
			res, err := fhir.Resources(v, ins, subj, o)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
			if what == "responses" {
				res = res[:1]
			} else {
				res = res[1:]
			}
			for _, x := range res {
				bw.Write(x.JSON)
				bw.WriteByte('\n')
			}
		}
	default:
		return fmt.Errorf("unknown output %q: want questionnaire, responses or resources", what)
	}
	return bw.Flush()
}
