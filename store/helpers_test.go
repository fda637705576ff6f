package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
)

// fullAnswers is a complete, valid v1 answer set with most things to say:
// barriers in every domain, communication needs, reading help and every
// equity field, so the record carries checks, adjustments and referrals.
func fullAnswers() questionnaire.Answers {
	return questionnaire.Answers{
		questionnaire.LinkDevices:          {questionnaire.DevShared, questionnaire.DevBasicMob},
		questionnaire.LinkInternet:         {questionnaire.NetPublic},
		questionnaire.LinkAfford:           {"often"},
		questionnaire.LinkTasks:            {questionnaire.TaskText},
		questionnaire.LinkHelp:             {questionnaire.HelpCarer},
		questionnaire.LinkWant:             {"with-help"},
		questionnaire.LinkWorry:            {"very"},
		questionnaire.LinkBadExperience:    {"put-off"},
		questionnaire.LinkCommNeeds:        {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter, questionnaire.NeedCarer},
		questionnaire.LinkLanguage:         {"Polish"},
		questionnaire.LinkReadingHelp:      {questionnaire.ReadOften},
		questionnaire.LinkChoice:           {string(questionnaire.RouteApp)},
		questionnaire.LinkAgeBand:          {"75+"},
		questionnaire.LinkDisability:       {questionnaire.Yes},
		questionnaire.LinkBenefits:         {questionnaire.Yes},
		questionnaire.LinkMainLanguage:     {questionnaire.No},
		questionnaire.LinkEthnicity:        {"C"},
		questionnaire.LinkPostcodeDistrict: {"LS6"},
	}
}

// assessed builds a record the way the terminal UI does: answers assessed by
// instrument v1 against the national directory, consent recorded for each
// referral.
func assessed(tb testing.TB, patient string) record.Record {
	tb.Helper()
	a := fullAnswers()
	res, err := questionnaire.V1.Assess(a, questionnaire.National)
	if err != nil {
		tb.Fatalf("assess: %v", err)
	}
	if len(res.Recommendation.Referrals) < 2 || len(res.Recommendation.Adjustments) == 0 {
		tb.Fatalf("the test record should carry referrals and adjustments; got %+v", res.Recommendation)
	}
	for i := range res.Recommendation.Referrals {
		res.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	res.Recommendation.Referrals[1].Consent = questionnaire.Declined
	pid, err := record.ParsePatientID(patient)
	if err != nil {
		tb.Fatalf("patient %q: %v", patient, err)
	}
	return record.Record{
		Patient:   pid,
		Clinician: "Sister A. Okafor",
		Team:      "Ward 7 (Elderly care)",
		Answers:   a,
		Result:    res,
	}
}

// Patients used in tests: a valid NHS number (943 476 5919 passes Modulus
// 11) and a local hospital number.
const (
	nhsPatient   = "943 476 5919"
	localPatient = "RXH-12345"
)

func openTemp(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "digicheck.db"), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return s
}

func save(tb testing.TB, s *Store, r record.Record) record.Record {
	tb.Helper()
	if err := s.Save(&r); err != nil {
		tb.Fatalf("Save: %v", err)
	}
	return r
}

// fingerprint is what must not change about a file digicheck refuses:
// content, size, mode and modification time.
func fingerprint(tb testing.TB, path string) string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		tb.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("sha256 %s size %d mode %v mtime %s",
		hex.EncodeToString(h.Sum(nil)), fi.Size(), fi.Mode(), fi.ModTime().Format(time.RFC3339Nano))
}

// foreignBolt makes a healthy bbolt database of some other program. It
// does not sync its freelist, as etcd does not, so merely opening it for
// writing would change it: bbolt writes the freelist out on open.
func foreignBolt(tb testing.TB, path string) {
	tb.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
}
