package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// A draft has no checksum: one bit flipped in its value can leave JSON
// that decodes but holds what no digicheck keeps. One such flip turned
// the draft's NHS number 4481218215 into 4481218214 (failing Modulus 11);
// check said the store was sound, the draft was offered and resumed, and
// saved as an assessment under a number that is not the patient's. Such a
// draft is damaged: check names it, it is not offered, resuming it is
// refused saying so, and it is kept in the file as it is, for IT, set
// aside (ErrDraftDamaged): only the draft is damaged, and the store goes
// on taking saves.
func TestADraftHoldingWhatNoDigicheckKeepsIsDamaged(t *testing.T) {
	for name, edit := range map[string]func(d map[string]any){
		"NHS number failing its check digit": func(d map[string]any) {
			d["patient"] = map[string]any{"kind": "nhs", "value": "4481218214"}
		},
		"unknown kind of patient number": func(d map[string]any) {
			p := d["patient"].(map[string]any)
			p["kind"] = "nhr"
		},
		"instrument version not known": func(d map[string]any) { d["instrument_version"] = "3" },
		"answer to no question": func(d map[string]any) {
			d["answers"].(map[string]any)["access.devicez"] = []string{"smartphone"}
		},
		"answer the question does not offer": func(d map[string]any) {
			d["answers"].(map[string]any)["access.devices"] = []string{"smartphonf"}
		},
		"section the instrument has not": func(d map[string]any) { d["section"] = "skilks" },
	} {
		t.Run(name, func(t *testing.T) {
			s := openTemp(t)
			var ids []record.ID
			for range 3 {
				d := draftOf(t, nhsPatient)
				if err := s.SaveDraft(&d); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, d.ID)
			}
			if err := s.ReleaseDrafts(); err != nil {
				t.Fatal(err)
			}
			bad := ids[0] // stored first: the sound drafts after it must still be offered
			testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketDrafts)
				// As an earlier digicheck kept it: its JSON alone, with no
				// checksum to tell it damaged.
				j, err := draftJSON(b.Get([]byte(bad.String())))
				if err != nil {
					return err
				}
				var d map[string]any
				if err := json.Unmarshal(j, &d); err != nil {
					return err
				}
				edit(d)
				v, err := json.Marshal(d)
				if err != nil {
					return err
				}
				return b.Put([]byte(bad.String()), v)
			})
			before := fingerprint(t, s.Path())

			s2, err := Open(s.Path(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s2.ClaimDraft(bad); !errors.Is(err, ErrDraftDamaged) || !strings.Contains(err.Error(), "draft") {
				t.Errorf("resuming the damaged draft = %v; want it refused as a damaged draft", err)
			}
			if fingerprint(t, s.Path()) != before {
				t.Errorf("the refused resume changed the store: the damaged draft must be kept as it is, for IT")
			}
			ls, err := s2.ListDrafts(0)
			if !errors.Is(err, ErrDraftDamaged) {
				t.Errorf("ListDrafts = %v; want it to say a draft is damaged", err)
			}
			got := map[record.ID]bool{}
			for _, e := range ls {
				got[e.ID] = true
			}
			if got[bad] || !got[ids[1]] || !got[ids[2]] {
				t.Errorf("drafts listed %v; want the two sound ones %v, not the damaged %v", got, ids[1:], bad)
			}

			rep, err := s2.Check()
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.SetAside) != 1 || rep.Drafts != 3 || !strings.Contains(rep.String(), "kept as a draft") || !strings.Contains(rep.String(), "damaged") {
				t.Errorf("check does not report the damaged draft (of 3):\n%s", rep)
			}
		})
	}
}
