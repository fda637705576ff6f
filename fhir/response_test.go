package fhir_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestResponsesFollowR4AndTheQuestionnaire checks every sample response
// (records made by the real assessment, in all three statuses) against the
// R4 rules and against the Questionnaire as written, not the instrument:
// linkIds exist there at the same place, answer types match item types,
// codes come from the item's answerOptions, repeats only where allowed, and
// only answered items appear.
func TestResponsesFollowR4AndTheQuestionnaire(t *testing.T) {
	ins := questionnaire.V1
	q := questionnaireJSON(t, ins)
	idx := map[string]qEntry{}
	indexItems(list(q, "item"), "", idx, func(string) {})
	canonical := str(q, "url") + "|" + str(q, "version")

	statuses := map[string]bool{}
	for _, s := range allSamples(t) {
		t.Run(s.Name, func(t *testing.T) {
			r := response(t, s)
			if str(r, "resourceType") != "QuestionnaireResponse" {
				t.Errorf("resourceType = %q", str(r, "resourceType"))
			}
			if str(r, "id") != s.Record.ID.String() {
				t.Errorf("id = %q, want the record id %q", str(r, "id"), s.Record.ID)
			}
			if !regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`).MatchString(str(r, "id")) {
				t.Errorf("id %q is not a FHIR id", str(r, "id"))
			}
			status := str(r, "status")
			statuses[status] = true
			if !answersStatus[status] {
				t.Errorf("status %q is not in the R4 questionnaire-answers-status value set", status)
			}
			if status != string(s.Record.Status) {
				t.Errorf("status %q for a %s record", status, s.Record.Status)
			}
			if str(r, "questionnaire") != canonical {
				t.Errorf("questionnaire = %q, want %q", str(r, "questionnaire"), canonical)
			}
			at, err := time.Parse(time.RFC3339, str(r, "authored"))
			if err != nil || !at.Equal(s.Record.Time) {
				t.Errorf("authored %q (%v), want %s", str(r, "authored"), err, s.Record.Time)
			}
			if id := child(child(r, "subject"), "identifier"); str(id, "value") == "" {
				t.Errorf("subject has no identifier value: %v", r["subject"])
			}

			got := questionnaire.Answers{}
			groups := list(r, "item")
			if len(groups) == 0 {
				t.Fatal("no items")
			}
			last := -1
			for _, g := range groups {
				gid := str(g, "linkId")
				e, ok := idx[gid]
				if !ok || e.parent != "" || str(e.item, "type") != "group" {
					t.Errorf("top-level item %q is not a group of the Questionnaire", gid)
					continue
				}
				if g["answer"] != nil {
					t.Errorf("group %s has an answer", gid)
				}
				if pos := slices.IndexFunc(list(q, "item"), func(x obj) bool { return str(x, "linkId") == gid }); pos <= last {
					t.Errorf("group %s out of order", gid)
				} else {
					last = pos
				}
				items := list(g, "item")
				if len(items) == 0 {
					t.Errorf("group %s is empty (qrs-1 needs an answer or items)", gid)
				}
				for _, it := range items {
					id := str(it, "linkId")
					e, ok := idx[id]
					if !ok || e.parent != gid {
						t.Errorf("%s: not an item of group %s in the Questionnaire", id, gid)
						continue
					}
					if it["item"] != nil {
						t.Errorf("%s: nested items under a question", id)
					}
					answers := list(it, "answer")
					if len(answers) == 0 {
						t.Errorf("%s: appears without an answer", id)
					}
					if len(answers) > 1 && e.item["repeats"] != true {
						t.Errorf("%s: %d answers to an item that does not repeat", id, len(answers))
					}
					for _, a := range answers {
						if len(a) != 1 {
							t.Errorf("%s: answer %v needs exactly one value[x]", id, a)
						}
						switch str(e.item, "type") {
						case "choice":
							c := child(a, "valueCoding")
							if c == nil {
								t.Errorf("%s: a choice item answered with %v, not valueCoding", id, a)
								continue
							}
							if !sameOption(e.item, c) {
								t.Errorf("%s: %v is not one of its answerOptions", id, c)
							}
							got[id] = append(got[id], str(c, "code"))
						case "string":
							v, ok := a["valueString"].(string)
							if !ok {
								t.Errorf("%s: a string item answered with %v, not valueString", id, a)
								continue
							}
							if ml, _ := e.item["maxLength"].(float64); ml > 0 && len([]rune(v)) > int(ml) {
								t.Errorf("%s: %q is longer than %v", id, v, ml)
							}
							got[id] = append(got[id], v)
						default:
							t.Errorf("%s: answered a %s item", id, str(e.item, "type"))
						}
					}
				}
			}
			// Only answered items appear, and every answer is there.
			want := s.Record.Answers.Clone()
			for k, v := range want {
				if it, _ := ins.Item(k); it.Type != questionnaire.Text {
					slices.SortFunc(v, optionOrder(it))
				}
			}
			if !equalAnswers(got, want) {
				t.Errorf("answers in the response %v, want the record's %v", got, want)
			}
		})
	}
	for _, st := range []record.Status{record.Completed, record.Amended, record.EnteredInError} {
		if !statuses[string(st)] {
			t.Errorf("no sample has status %s", st)
		}
	}
}

func sameOption(item, c obj) bool {
	for _, o := range list(item, "answerOption") {
		v := child(o, "valueCoding")
		if str(v, "system") == str(c, "system") && str(v, "code") == str(c, "code") && str(v, "display") == str(c, "display") && len(v) == len(c) {
			return true
		}
	}
	return false
}

func optionOrder(it *questionnaire.Item) func(a, b string) int {
	pos := func(code string) int {
		return slices.IndexFunc(it.Options, func(o questionnaire.Option) bool { return o.Code == code })
	}
	return func(a, b string) int { return pos(a) - pos(b) }
}

func equalAnswers(a, b questionnaire.Answers) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestResponseAnswersInOptionOrder: the same answers ticked in another
// order export the same way, so exports diff cleanly.
func TestResponseAnswersInOptionOrder(t *testing.T) {
	s := allSamples(t)[0]
	subj, _ := fhir.NHSNumberSubject("9990000018")
	a, err := responseJSON(s.Record, questionnaire.V1, subj)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Record
	r.Answers = r.Answers.Clone()
	slices.Reverse(r.Answers[questionnaire.LinkTasks])
	slices.Reverse(r.Answers[questionnaire.LinkDevices])
	b, err := responseJSON(r, questionnaire.V1, subj)
	if err != nil {
		t.Fatal(err)
	}
	// The record carried whole keeps the answers as the record does.
	if a, b := withoutRecord(t, a), withoutRecord(t, b); !bytes.Equal(a, b) {
		t.Errorf("answer order changed the output:\n%s\n%s", a, b)
	}
}

func TestResponseStatus(t *testing.T) {
	s := allSamples(t)[0]
	subj, _ := fhir.NHSNumberSubject("9990000018")
	for st, want := range map[record.Status]string{
		record.Completed:      "completed",
		record.Amended:        "amended",
		record.EnteredInError: "entered-in-error",
	} {
		r := s.Record
		r.Status = st
		b, err := responseJSON(r, questionnaire.V1, subj)
		if err != nil {
			t.Fatalf("%s: %v", st, err)
		}
		if got := str(decode(t, b), "status"); got != want {
			t.Errorf("%s: status %q, want %q", st, got, want)
		}
	}
	r := s.Record
	r.Status = "draft"
	if _, err := responseJSON(r, questionnaire.V1, subj); !errors.Is(err, fhir.ErrRecord) {
		t.Errorf("unknown status: err = %v, want ErrRecord", err)
	}
}

// TestResponseRefusesBadRecords: a record that would make an invalid or
// misleading response is an error, never a half-right resource.
func TestResponseRefusesBadRecords(t *testing.T) {
	good := allSamples(t)[1].Record
	subj, _ := fhir.NHSNumberSubject("9990000026")
	if _, err := responseJSON(good, questionnaire.V1, subj); err != nil {
		t.Fatalf("the good record is refused: %v", err)
	}
	for name, breakIt := range map[string]func(r *record.Record){
		"another instrument version": func(r *record.Record) { r.InstrumentVersion = "2" },
		"no instrument version":      func(r *record.Record) { r.InstrumentVersion = "" },
		"no time":                    func(r *record.Record) { r.Time = time.Time{} },
		"no id":                      func(r *record.Record) { r.ID = record.ID{} },
		"unknown linkId":             func(r *record.Record) { r.Answers["access.phones"] = []string{"yes"} },
		"code not an option":         func(r *record.Record) { r.Answers[questionnaire.LinkAfford] = []string{"always"} },
		"two answers to one choice":  func(r *record.Record) { r.Answers[questionnaire.LinkAfford] = []string{"never", "often"} },
		"required item missing":      func(r *record.Record) { delete(r.Answers, questionnaire.LinkWant) },
		"answer to a hidden item": func(r *record.Record) {
			r.Answers[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedNone}
		},
		"text too long": func(r *record.Record) { r.Answers[questionnaire.LinkLanguage] = []string{strings.Repeat("x", 41)} },
	} {
		t.Run(name, func(t *testing.T) {
			r := good
			r.Answers = good.Answers.Clone()
			breakIt(&r)
			if _, err := responseJSON(r, questionnaire.V1, subj); !errors.Is(err, fhir.ErrRecord) {
				t.Errorf("err = %v, want ErrRecord", err)
			}
		})
	}
	if _, err := responseJSON(good, questionnaire.V1, fhir.Subject{}); !errors.Is(err, fhir.ErrRecord) {
		t.Errorf("no subject: err = %v, want ErrRecord", err)
	}
	if _, err := responseJSON(good, nil, subj); !errors.Is(err, fhir.ErrInstrument) {
		t.Errorf("no instrument: err = %v, want ErrInstrument", err)
	}
}

// TestResponseIsOneLine: an export writes NDJSON by adding a newline.
func TestResponseIsOneLine(t *testing.T) {
	s := allSamples(t)[1]
	subj, _ := fhir.NHSNumberSubject("9990000026")
	b, err := responseJSON(s.Record, questionnaire.V1, subj)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b, "\r\n") {
		t.Errorf("response spans lines:\n%s", b)
	}
}

// TestResponseLeavesOutUnansweredSections: the optional section skipped
// leaves no empty group (qrs-1), and a partly answered one holds only its
// answered items.
func TestResponseLeavesOutUnansweredSections(t *testing.T) {
	for _, s := range allSamples(t) {
		r := response(t, s)
		var equity obj
		for _, g := range list(r, "item") {
			if str(g, "linkId") == "equity" {
				equity = g
			}
		}
		answered := 0
		for _, it := range questionnaire.V1.Sections[len(questionnaire.V1.Sections)-1].Items {
			if len(s.Record.Answers[it.LinkID]) > 0 {
				answered++
			}
		}
		switch {
		case answered == 0 && equity != nil:
			t.Errorf("%s: empty equity group written", s.Name)
		case answered > 0 && len(list(equity, "item")) != answered:
			t.Errorf("%s: equity group has %d items for %d answers", s.Name, len(list(equity, "item")), answered)
		}
	}
}

func TestSyntheticRecordsAreLabelled(t *testing.T) {
	for _, s := range allSamples(t) {
		r := response(t, s)
		sec := list(child(r, "meta"), "security")
		labelled := len(sec) == 1 && str(sec[0], "code") == "HTEST" && str(sec[0], "system") == "http://terminology.hl7.org/CodeSystem/v3-ActReason"
		if labelled != s.Record.Synthetic {
			t.Errorf("%s: synthetic %v but labelled %v (%v)", s.Name, s.Record.Synthetic, labelled, r["meta"])
		}
	}
}

// TestReferralConsentIsNotPartOfTheResponse: the response holds the
// questionnaire's answers only (see the package comment); whether a
// referral was agreed, declined or not discussed is digicheck's record of
// what followed, so a record's answers export the same whatever its
// referrals' answers, and a referral not discussed never stops an export.
// (The record carried whole in an identifiable response, set aside here,
// keeps the consents, for digicheck to read back; the ServiceRequests
// written beside the response say which were agreed.)
func TestReferralConsentIsNotPartOfTheResponse(t *testing.T) {
	answered := map[string]bool{}
	for _, s := range allSamples(t) {
		subj, _ := fhir.NHSNumberSubject("9990000026")
		got, err := responseJSON(s.Record, questionnaire.V1, subj)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		r := s.Record
		r.Recommendation.Referrals = slices.Clone(r.Recommendation.Referrals)
		for i := range r.Recommendation.Referrals {
			answered[r.Recommendation.Referrals[i].Consent] = true
			r.Recommendation.Referrals[i].Consent = ""
		}
		want, err := responseJSON(r, questionnaire.V1, subj)
		if err != nil {
			t.Fatal(err)
		}
		got, want = withoutRecord(t, got), withoutRecord(t, want)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the response changes with the referrals' answers:\n%s\n%s", s.Name, got, want)
		}
	}
	for _, c := range []string{questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed} {
		if !answered[c] {
			t.Errorf("no sample has a referral %s; the test proves less than it says", c)
		}
	}
}

// withoutRecord is a response without the extension that carries the
// record whole.
func withoutRecord(t *testing.T, b []byte) []byte {
	t.Helper()
	m := decode(t, b)
	delete(m, "extension")
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAResponseAboutAPseudonymNamesNoOne: Response about a pseudonym, as
// about an NHS number, but with no clinician and no record in it; about
// an NHS number it carries the record whole, as a push sends it.
func TestAResponseAboutAPseudonymNamesNoOne(t *testing.T) {
	for _, s := range allSamples(t) {
		ps, err := fhir.SubjectFor(questionnaire.V1, s.Record.Patient, false, samples.Key)
		if err != nil || ps.System != fhir.PseudonymSystem(questionnaire.V1) {
			t.Fatalf("%s: pseudonym subject %+v, %v", s.Name, ps, err)
		}
		b, err := responseJSON(s.Record, questionnaire.V1, ps)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(s.Record.Clinician)) || bytes.Contains(b, []byte("digicheck-record")) || bytes.Contains(b, []byte(s.Record.Patient.Value)) {
			t.Errorf("%s: a response about a pseudonym names the clinician or carries the record: %.300s", s.Name, b)
		}
		id, err := fhir.SubjectFor(questionnaire.V1, s.Record.Patient, true, nil)
		if err != nil || id.System == fhir.PseudonymSystem(questionnaire.V1) {
			t.Fatalf("%s: identifiable subject %+v, %v", s.Name, id, err)
		}
		b, err = responseJSON(s.Record, questionnaire.V1, id)
		if err != nil {
			t.Fatal(err)
		}
		r, ok, err := fhir.RecordIn(b)
		if err != nil || !ok || r.ID != s.Record.ID || r.Clinician != s.Record.Clinician {
			t.Errorf("%s: identifiable response carries %v %v %+v", s.Name, ok, err, r.ID)
		}
	}
}
