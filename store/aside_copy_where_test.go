package store

import (
	"slices"
	"testing"
	"time"

	"digicheck/record"
)

// A copy read from one server (another machine's void of an assessment)
// over which a second server's newer version was taken in is another
// machine's version, read from the first server: where it is set aside
// says so (ReadFrom, and the server whose version was kept in its place),
// never that a conflict of this machine's with the second server set it
// aside, nor that the first server took it from this machine. history
// said "set aside when its conflict with the FHIR server was settled:
// kept here, not sent to this server (S2) ...; the FHIR server S1 took it
// before", of a void this machine never made nor sent.
func TestACopyKeptOverByAnotherServerIsSaidAsReadFromItsServer(t *testing.T) {
	t.Parallel()
	const first, second = "https://first.example.nhs.uk/fhir", "https://second.example.nhs.uk/fhir"
	s := openTemp(t)
	base := save(t, s, assessed(t, nhsPatient))
	for _, srv := range []string{first, second} {
		if err := s.MarkPushed(srv, []Pushed{{Record: base.ID, Assessment: base.ID, Version: "1"}}); err != nil {
			t.Fatal(err)
		}
	}
	void := func(by string) record.Record {
		v := base
		v.ID, _ = record.NewID()
		v.Amends, v.Status, v.VoidReason, v.Clinician = base.ID, record.EnteredInError, "wrong patient", by
		v.Time = time.Now().UTC().Truncate(time.Second)
		return v
	}
	okafor, chen := void("Sister Okafor"), void("Dr Chen")
	if err := s.SaveCopy(&okafor, first); err != nil {
		t.Fatal(err)
	}
	// As reading the second server does: its void taken in over the copy.
	if err := s.MarkConflict(second, Conflict{Record: okafor.ID, Assessment: base.ID, NotTakenIn: true, ServerVersion: "2", ServerRecord: chen.ID, ServerVoided: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.KeepServer(second, okafor.ID, chen, "2"); err != nil {
		t.Fatal(err)
	}
	w, err := s.SetAsideWhere(okafor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.SettledWith) != 0 || len(w.HeldBy) != 0 {
		t.Errorf("the copy read from %s is said set aside by a conflict of this machine's with %v, and taken from this machine by %v", first, w.SettledWith, w.HeldBy)
	}
	if pushKeyString(w.ReadFrom) != pushKeyString(first) || !slices.Equal(keysOf(w.KeptOver), keysOf([]string{second})) {
		t.Errorf("the copy is said read from %q with %v kept in its place; want read from %s, %s's version kept", w.ReadFrom, w.KeptOver, first, second)
	}
}

func pushKeyString(s string) string { return string(pushKey(s)) }

func keysOf(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = pushKeyString(s)
	}
	return out
}
