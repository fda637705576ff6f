package fhir_test

import (
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// resources writes a sample as a push does (identifiable) or as a
// pseudonymised export does, and decodes every resource.
func resources(t *testing.T, v fhir.Version, pseudonymised bool) []obj {
	t.Helper()
	subj, err := samples.Site.Subject(questionnaire.V1, v.Record.Patient, !pseudonymised, samples.Key)
	if err != nil {
		t.Fatal(err)
	}
	res, err := fhir.Resources(v, questionnaire.V1, subj, fhir.ResponseOptions{Site: samples.Site, Pseudonymised: pseudonymised})
	if err != nil {
		t.Fatal(err)
	}
	var out []obj
	for _, x := range res {
		m := decode(t, x.JSON)
		if str(m, "resourceType") != x.Type || str(m, "id") != x.ID {
			t.Errorf("Resource{%s %s} holds %s/%s", x.Type, x.ID, str(m, "resourceType"), str(m, "id"))
		}
		out = append(out, m)
	}
	if len(out) == 0 || str(out[0], "resourceType") != "QuestionnaireResponse" {
		t.Fatalf("the response is not first: %v", out)
	}
	return out
}

func ofType(rs []obj, typ string) []obj {
	var out []obj
	for _, r := range rs {
		if str(r, "resourceType") == typ {
			out = append(out, r)
		}
	}
	return out
}

func sampleNamed(t *testing.T, name string) samples.Sample {
	t.Helper()
	for _, s := range allSamples(t) {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sample %q", name)
	return samples.Sample{}
}

// TestTheResultIsWrittenAsResourcesLinkedToTheResponse: each domain's band
// is an Observation valued in the instrument's band code system, the
// contact route one more, each need a Flag with the Reasonable Adjustment
// Flag's categories, and each agreed referral (and only those) a
// ServiceRequest, every one pointing at the response and about its
// patient.
func TestTheResultIsWrittenAsResourcesLinkedToTheResponse(t *testing.T) {
	ins := samples.Site.Instrument(questionnaire.V1)
	for _, s := range allSamples(t) {
		t.Run(s.Name, func(t *testing.T) {
			rs := resources(t, fhir.Version{Record: s.Record}, false)
			qr := rs[0]
			self := "QuestionnaireResponse/" + str(qr, "id")
			subject, _ := json.Marshal(qr["subject"])
			for _, r := range rs[1:] {
				if !strings.HasPrefix(str(r, "id"), str(qr, "id")+"-") {
					t.Errorf("%s id %q is not under the response's", str(r, "resourceType"), str(r, "id"))
				}
				if b, _ := json.Marshal(r["subject"]); string(b) != string(subject) {
					t.Errorf("%s/%s subject %s, want the response's %s", str(r, "resourceType"), str(r, "id"), b, subject)
				}
			}

			obs := ofType(rs, "Observation")
			if len(obs) != len(questionnaire.Domains)+1 {
				t.Fatalf("%d Observations, want one per domain and the route", len(obs))
			}
			wantObs := map[record.Status]string{record.Completed: "final", record.Amended: "amended", record.EnteredInError: "entered-in-error"}[s.Record.Status]
			for i, d := range questionnaire.Domains {
				o := obs[i]
				code := list(child(o, "code"), "coding")[0]
				val := list(child(o, "valueCodeableConcept"), "coding")[0]
				if str(code, "system") != ins.URL+"/CodeSystem/result" || str(code, "code") != "band-"+string(d) {
					t.Errorf("band %s: code %v", d, code)
				}
				if str(val, "system") != ins.URL+"/CodeSystem/band" || str(val, "code") != s.Record.Bands.Get(d).Code() {
					t.Errorf("band %s: value %v, want %s", d, val, s.Record.Bands.Get(d).Code())
				}
				if str(o, "status") != wantObs {
					t.Errorf("band %s: status %q for a %s record", d, str(o, "status"), s.Record.Status)
				}
				if ref := list(o, "derivedFrom"); len(ref) != 1 || str(ref[0], "reference") != self {
					t.Errorf("band %s: derivedFrom %v, want %s", d, ref, self)
				}
				if str(o, "effectiveDateTime") != str(qr, "authored") {
					t.Errorf("band %s: effective %q, authored %q", d, str(o, "effectiveDateTime"), str(qr, "authored"))
				}
			}
			route := obs[len(obs)-1]
			if v := list(child(route, "valueCodeableConcept"), "coding")[0]; str(v, "code") != string(s.Record.Recommendation.Primary) || str(v, "system") != ins.URL+"/CodeSystem/route" {
				t.Errorf("route %v, want %s", v, s.Record.Recommendation.Primary)
			}
			comps := map[string]obj{}
			for _, c := range list(route, "component") {
				comps[str(list(child(c, "code"), "coding")[0], "code")] = c
			}
			if fb := list(child(comps["fallback-route"], "valueCodeableConcept"), "coding"); len(fb) != 1 || str(fb[0], "code") != string(s.Record.Recommendation.Fallback) {
				t.Errorf("fallback %v, want %s", fb, s.Record.Recommendation.Fallback)
			}
			if ch := s.Record.Recommendation.Choice; ch != "" {
				if comps["choice-honoured"]["valueBoolean"] != s.Record.Recommendation.ChoiceHonoured {
					t.Errorf("choice honoured %v, want %v", comps["choice-honoured"]["valueBoolean"], s.Record.Recommendation.ChoiceHonoured)
				}
			} else if _, ok := comps["patient-choice"]; ok {
				t.Error("a patient with no preference has a choice written")
			}

			var wantFlags []string
			for _, a := range s.Record.Recommendation.Adjustments {
				if a.Code != "proxy-access" {
					wantFlags = append(wantFlags, a.Text)
				}
			}
			flags := ofType(rs, "Flag")
			var gotFlags []string
			for _, f := range flags {
				gotFlags = append(gotFlags, str(child(f, "code"), "text"))
				cats := list(f, "category")
				if len(cats) != 2 || str(list(cats[0], "coding")[0], "code") != "NRAF" ||
					str(list(cats[1], "coding")[0], "system") != "https://fhir.nhs.uk/England/CodeSystem/RA-FlagCategory" {
					t.Errorf("flag %s: categories %v, want NRAF and an RA-FlagCategory", str(f, "id"), cats)
				}
				ext := list(f, "extension")
				if len(ext) != 1 || str(ext[0], "url") != "http://hl7.org/fhir/StructureDefinition/flag-detail" || str(child(ext[0], "valueReference"), "reference") != self {
					t.Errorf("flag %s does not point at the response: %v", str(f, "id"), ext)
				}
				want := "active"
				if s.Record.Status == record.EnteredInError {
					want = "entered-in-error"
				}
				if str(f, "status") != want {
					t.Errorf("flag %s: status %q, want %q", str(f, "id"), str(f, "status"), want)
				}
			}
			if !reflect.DeepEqual(gotFlags, wantFlags) {
				t.Errorf("flags %q, want one per need-based adjustment %q", gotFlags, wantFlags)
			}

			var wantRefs, gotRefs []string
			for _, r := range s.Record.Recommendation.Referrals {
				if r.Consent == questionnaire.Agreed {
					wantRefs = append(wantRefs, r.ProgrammeID)
				}
			}
			for _, sr := range ofType(rs, "ServiceRequest") {
				gotRefs = append(gotRefs, str(list(child(sr, "code"), "coding")[0], "code"))
				if si := list(sr, "supportingInfo"); len(si) != 1 || str(si[0], "reference") != self {
					t.Errorf("referral %s: supportingInfo %v", str(sr, "id"), si)
				}
				for _, rr := range list(sr, "reasonReference") {
					if !strings.HasPrefix(str(rr, "reference"), "Observation/"+str(qr, "id")+"-band-") {
						t.Errorf("referral %s: reason %v is not a band of this response", str(sr, "id"), rr)
					}
				}
			}
			if !reflect.DeepEqual(gotRefs, wantRefs) {
				t.Errorf("ServiceRequests for %v, want the agreed referrals only %v", gotRefs, wantRefs)
			}
		})
	}
}

// TestTheResponseNamesItsAuthorAndOrganisation: an identifiable response's
// author is the clinician acting for the site's ODS code; a pseudonymised
// one names the organisation only, and no resource derived from it names
// the clinician or carries the record.
func TestTheResponseNamesItsAuthorAndOrganisation(t *testing.T) {
	s := sampleNamed(t, "interpreter, large print, equity answered")
	rs := resources(t, fhir.Version{Record: s.Record}, false)
	qr := rs[0]
	if str(child(qr, "author"), "reference") != "#author" {
		t.Fatalf("author %v", qr["author"])
	}
	role := list(qr, "contained")[0]
	if str(child(role, "practitioner"), "display") != s.Record.Clinician {
		t.Errorf("author's practitioner %v, want %s", role["practitioner"], s.Record.Clinician)
	}
	if org := child(child(role, "organization"), "identifier"); str(org, "system") != "https://fhir.nhs.uk/Id/ods-organization-code" || str(org, "value") != "RX1" {
		t.Errorf("organisation %v, want RX1", org)
	}

	for _, p := range allSamples(t) {
		for _, r := range resources(t, fhir.Version{Record: p.Record}, true) {
			b, _ := json.Marshal(r)
			if strings.Contains(string(b), p.Record.Clinician) || strings.Contains(string(b), p.Record.Patient.Value) ||
				strings.Contains(string(b), "digicheck-record") {
				t.Errorf("%s: pseudonymised %s/%s names the clinician, the patient or carries the record: %s", p.Name, str(r, "resourceType"), str(r, "id"), b)
			}
		}
		qr := resources(t, fhir.Version{Record: p.Record}, true)[0]
		if a := child(qr, "author"); str(a, "type") != "Organization" || str(child(a, "identifier"), "value") != "RX1" {
			t.Errorf("%s: pseudonymised author %v, want the organisation", p.Name, a)
		}
	}
}

// TestTheResponseCarriesTheRecordWhole: a response pushed to the server
// gives back the record exactly as saved, with its own version id and
// what the answers alone do not hold (referral consents).
func TestTheResponseCarriesTheRecordWhole(t *testing.T) {
	s := sampleNamed(t, "amendment of the no-internet record")
	root := record.MustParseID("01957a3c-0000-7000-8000-000000000003")
	subj, _ := samples.Site.Subject(questionnaire.V1, s.Record.Patient, true, nil)
	res, err := fhir.Resources(fhir.Version{Record: s.Record, Root: root}, questionnaire.V1, subj, fhir.ResponseOptions{Site: samples.Site})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].ID != root.String() {
		t.Errorf("response id %s, want the first version's %s", res[0].ID, root)
	}
	got, ok, err := fhir.RecordIn(res[0].JSON)
	if err != nil || !ok {
		t.Fatalf("RecordIn: %v, %v", ok, err)
	}
	want, _ := json.Marshal(s.Record)
	back, _ := json.Marshal(got)
	if string(back) != string(want) {
		t.Errorf("record read back differs:\n%s\n%s", back, want)
	}
	if _, ok, err := fhir.RecordIn([]byte(`{"resourceType":"QuestionnaireResponse"}`)); ok || err != nil {
		t.Errorf("a response without the record: %v, %v", ok, err)
	}
	pseud, err := fhir.Resources(fhir.Version{Record: s.Record, Root: root}, questionnaire.V1, subj, fhir.ResponseOptions{Site: samples.Site, Pseudonymised: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := fhir.RecordIn(pseud[0].JSON); ok || err != nil {
		t.Errorf("a pseudonymised response carries the record: %v, %v", ok, err)
	}
}

// TestAnAmendmentRetiresWhatItDropped: the flags and agreed referrals of
// the version an amendment supersedes that the amendment lacks are written
// again, retired, under the same ids, so the server keeps none standing;
// and a void writes everything entered in error.
func TestAnAmendmentRetiresWhatItDropped(t *testing.T) {
	prev := sampleNamed(t, "no internet, basic mobile").Record
	cur := sampleNamed(t, "amendment of the no-internet record").Record
	// The earlier version agreed to a referral the amendment does not
	// have, and had a need the amendment drops.
	prev.Recommendation.Adjustments = append(prev.Recommendation.Adjustments, questionnaire.Adjustment{Code: questionnaire.NeedBSL, Text: "Book a BSL interpreter"})
	prev.Recommendation.Referrals = append(prev.Recommendation.Referrals, questionnaire.Referral{ProgrammeID: "gone-programme", Name: "Gone", Consent: questionnaire.Agreed})
	rs := resources(t, fhir.Version{Record: cur, Root: prev.ID, Previous: &prev}, false)
	status := map[string]string{}
	for _, r := range rs {
		status[str(r, "id")] = str(r, "status")
	}
	root := prev.ID.String()
	if status[root+"-flag-bsl"] != "inactive" {
		t.Errorf("dropped need's flag: %q, want inactive", status[root+"-flag-bsl"])
	}
	if status[root+"-referral-gone-programme"] != "revoked" {
		t.Errorf("dropped referral: %q, want revoked", status[root+"-referral-gone-programme"])
	}
	if status[root+"-flag-via-carer"] != "active" {
		t.Errorf("kept need's flag: %q, want active", status[root+"-flag-via-carer"])
	}

	void := sampleNamed(t, "entered in error").Record
	for _, r := range resources(t, fhir.Version{Record: void}, false)[1:] {
		if str(r, "status") != "entered-in-error" {
			t.Errorf("%s/%s of a voided assessment: %q", str(r, "resourceType"), str(r, "id"), str(r, "status"))
		}
	}
}

// TestTheSiteBaseMovesEveryDigicheckURL: under a trust's base the
// Questionnaire, the canonical it is answered by, the code systems and the
// pseudonym system move with it; published systems (NHS number, UK Core,
// SNOMED, RA flag) do not.
func TestTheSiteBaseMovesEveryDigicheckURL(t *testing.T) {
	s := sampleNamed(t, "interpreter, large print, equity answered")
	for _, r := range resources(t, fhir.Version{Record: s.Record}, false) {
		b, _ := json.Marshal(r)
		if strings.Contains(string(b), "digicheck.invalid") {
			t.Errorf("%s/%s still uses the placeholder base: %s", str(r, "resourceType"), str(r, "id"), b)
		}
	}
	q := questionnaireJSON(t, samples.Site.Instrument(questionnaire.V1))
	if str(q, "url") != "https://fhir.example-trust.nhs.uk/digicheck/Questionnaire/digital-inclusion" {
		t.Errorf("Questionnaire url %q", str(q, "url"))
	}
	if questionnaire.V1.URL != "https://digicheck.invalid/fhir/Questionnaire/digital-inclusion" {
		t.Errorf("the instrument itself was changed: %s", questionnaire.V1.URL)
	}
	a := (fhir.Site{}).PseudonymSystemFor(samples.Key)
	b := (fhir.Site{}).PseudonymSystemFor([]byte("another site's key, not this one"))
	if a == b || !strings.HasPrefix(a, fhir.DefaultBase+"/Id/pseudonym/") {
		t.Errorf("pseudonym systems %q and %q: want one per key under the base", a, b)
	}
	if got := (fhir.Site{PseudonymSystem: "urn:oid:1.2.3"}).PseudonymSystemFor(samples.Key); got != "urn:oid:1.2.3" {
		t.Errorf("the site's pseudonym_system gives %q", got)
	}
	local, _ := samples.Site.Subject(questionnaire.V1, record.PatientID{Kind: record.LocalID, Value: "RX1-004512"}, true, nil)
	if local.System != samples.Site.LocalSystem || !local.Local {
		t.Errorf("local number subject %+v, want the site's system", local)
	}
}

// TestALinkIDCannotTakeAResultSystemName: an item named like a result code
// system would give its options the same code system URL.
func TestALinkIDCannotTakeAResultSystemName(t *testing.T) {
	for _, id := range []string{"result", "band", "route"} {
		ins := &questionnaire.Instrument{URL: "https://x.example/q", Version: "1", Title: "t",
			Sections: []questionnaire.Section{{ID: "s", Title: "S", Items: []questionnaire.Item{{LinkID: id, Type: questionnaire.Text, Text: "?"}}}}}
		if _, err := fhir.Questionnaire(ins); err == nil {
			t.Errorf("linkId %q accepted", id)
		}
	}
}

// TestFlagsCarryThePublishedSNOMEDCode: each v1 need's Flag is coded with
// the concept questionnaire/codes.go gives from its published NHS source
// (codes written out here), and a need with none there (large print with
// no size, a screen reader, reading help) carries words only.
func TestFlagsCarryThePublishedSNOMEDCode(t *testing.T) {
	for _, tc := range []struct {
		need, language, code string
	}{
		{questionnaire.NeedEasyRead, "", "796161000000101"},
		{questionnaire.NeedVerbal, "", "367741000000102"},
		{questionnaire.NeedBSL, "", "204331000000107"},
		{questionnaire.NeedInterpreter, "Polish", "203901000000102"},
		{questionnaire.NeedInterpreter, "polish ", "203901000000102"},
		{questionnaire.NeedInterpreter, "Klingon", "315594003"}, // no concept of its own: interpreter needed
		{questionnaire.NeedTextRelay, "", "796081000000106"},
		{questionnaire.NeedCarer, "", "719561001"},
		{questionnaire.NeedLargePrint, "", ""},
		{questionnaire.NeedScreenRead, "", ""},
	} {
		a := samples.Included(questionnaire.Answers{questionnaire.LinkCommNeeds: {tc.need}})
		if tc.language != "" {
			a[questionnaire.LinkLanguage] = []string{tc.language}
		}
		res, err := questionnaire.V1.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		r := record.Record{ID: record.MustParseID("01957a3c-0000-7000-8000-0000000000aa"), Patient: record.PatientID{Kind: record.NHSNumber, Value: "9990000018"},
			Clinician: "C", Time: sampleNamed(t, "entered in error").Record.Time, Status: record.Completed, Answers: a, Result: res}
		var flag obj
		for _, f := range ofType(resources(t, fhir.Version{Record: r}, false), "Flag") {
			if strings.HasSuffix(str(f, "id"), "-flag-"+tc.need) {
				flag = f
			}
		}
		if flag == nil {
			t.Errorf("%s: no flag", tc.need)
			continue
		}
		cs := list(child(flag, "code"), "coding")
		switch {
		case tc.code == "" && len(cs) != 0:
			t.Errorf("%s: coded %v, but no published concept exists", tc.need, cs)
		case tc.code != "" && (len(cs) != 1 || str(cs[0], "system") != "http://snomed.info/sct" || str(cs[0], "code") != tc.code || str(cs[0], "display") == ""):
			t.Errorf("%s %s: coding %v, want SNOMED CT %s with its term", tc.need, tc.language, cs, tc.code)
		}
		if str(child(flag, "code"), "text") == "" {
			t.Errorf("%s: the flag has no text", tc.need)
		}
	}
}

// TestEveryResourceIDIsAFHIRID: ids are at most 64 of [A-Za-z0-9-.], even
// for a site programme with a long id or one with other characters, and
// two programmes never share one.
func TestEveryResourceIDIsAFHIRID(t *testing.T) {
	valid := regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)
	r := sampleNamed(t, "no internet, basic mobile").Record
	r.Recommendation.Referrals = append(slices.Clone(r.Recommendation.Referrals),
		questionnaire.Referral{ProgrammeID: "national-device-bank", Name: "a", Consent: questionnaire.Agreed},
		questionnaire.Referral{ProgrammeID: "leeds-city-council-digital-inclusion-hub", Name: "b", Consent: questionnaire.Agreed},
		questionnaire.Referral{ProgrammeID: "leeds-city-council-digital-inclusion-hub-2", Name: "c", Consent: questionnaire.Agreed},
		questionnaire.Referral{ProgrammeID: "bibliothèque", Name: "d", Consent: questionnaire.Agreed})
	seen := map[string]bool{}
	for _, x := range resources(t, fhir.Version{Record: r}, false) {
		id := str(x, "id")
		if !valid.MatchString(id) {
			t.Errorf("%s id %q is not a FHIR id", str(x, "resourceType"), id)
		}
		if seen[id] {
			t.Errorf("two resources have the id %q", id)
		}
		seen[id] = true
	}
}

// TestVersion2FlagsAreNeedsOnlyWithTheirCodes: a version 2 record's flags
// are its needs and contact requirements, each with its published concept
// (the coded interpreter language among them) and its RA category; the
// advice to the team (the phone switchover, help with forms) is no flag.
func TestVersion2FlagsAreNeedsOnlyWithTheirCodes(t *testing.T) {
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkCommNeeds:    {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter},
		questionnaire.LinkPrintSize:    {"28"},
		questionnaire.LinkLanguageCode: {"ur"},
		questionnaire.LinkDevices:      {questionnaire.DevSmartphone, questionnaire.DevLandline},
		questionnaire.LinkTasks:        {questionnaire.TaskText},
		questionnaire.LinkContactNeeds: {questionnaire.ContactSMS},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
	}))
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	r := record.Record{ID: record.MustParseID("01957a3c-0000-7000-8000-0000000000ab"), Patient: record.PatientID{Kind: record.NHSNumber, Value: "9990000018"},
		Clinician: "C", Time: sampleNamed(t, "entered in error").Record.Time, Status: record.Completed, Answers: a, Result: res}
	subj, err := samples.Site.Subject(questionnaire.V2, r.Patient, true, samples.Key)
	if err != nil {
		t.Fatal(err)
	}
	res2, err := fhir.Resources(fhir.Version{Record: r}, questionnaire.V2, subj, fhir.ResponseOptions{Site: samples.Site})
	if err != nil {
		t.Fatal(err)
	}
	var all []obj
	for _, x := range res2 {
		all = append(all, decode(t, x.JSON))
	}
	got := map[string]string{} // adjustment code: SNOMED CT code and RA category
	for _, f := range ofType(all, "Flag") {
		id := str(f, "id")
		code := id[strings.LastIndex(id, "-flag-")+len("-flag-"):]
		var sct string
		if cs := list(child(f, "code"), "coding"); len(cs) == 1 {
			sct = str(cs[0], "code")
		}
		cats := list(f, "category")
		got[code] = sct + " " + str(list(cats[1], "coding")[0], "code")
	}
	want := map[string]string{
		"large-print-28": "957371000000106 004",
		"interpreter":    "204211000000109 002", // Urdu language interpreter needed
		"contact-sms":    "936701000000103 003",
		"not-phone":      " 003",
	}
	for code, w := range want {
		if got[code] != w {
			t.Errorf("flag %s: %q, want %q", code, got[code], w)
		}
	}
	for _, advice := range []string{"switchover", "forms-help"} {
		if _, ok := got[advice]; ok {
			t.Errorf("%s is a flag: %v", advice, got)
		}
	}
}
