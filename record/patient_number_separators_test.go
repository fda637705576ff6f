package record

import "testing"

// TestAPatientNumberSplitByDotsSlashesOrUnderscoresIsStillFound: a
// patient's NHS number or local number typed with its groups split by a
// dot, a slash or an underscore ("943.476.5919", "W 943/476/5919",
// "Ward rx.12345") is the same number as with spaces or dashes, found and
// withheld wherever it is typed; a run of fewer than ten digits so split
// (a date, a ward and bay) is left alone.
func TestAPatientNumberSplitByDotsSlashesOrUnderscoresIsStillFound(t *testing.T) {
	t.Parallel()
	local := PatientID{Kind: LocalID, Value: "RX12345"}
	nhs := PatientID{Kind: NHSNumber, Value: "9434765919"}
	for _, c := range []struct {
		p          PatientID
		text, want string
	}{
		{nhs, "Ward 943.476.5919", "Ward [withheld]"},
		{nhs, "W 943/476/5919", "W [withheld]"},
		{nhs, "Ward 943_476_5919", "Ward [withheld]"},
		{nhs, "typo 943.476.5919.", "typo [withheld]."},
		{local, "Ward rx.12345", "Ward [withheld]"},
		{local, "Tigrinya r.x.12345", "Tigrinya [withheld]"},
		{local, "in hosp as RX.12345", "in hosp as [withheld]"},
		{local, "RX/12345", "[withheld]"},
		{local, "RX_12_345", "[withheld]"},
		{local, "seen 3/12/2026", "seen 3/12/2026"},
	} {
		if got := WithoutPatientID(c.text, c.p); got != c.want {
			t.Errorf("%q of patient %s is written %q, want %q", c.text, c.p.Value, got, c.want)
		}
	}
	for _, c := range []struct {
		text string
		runs int
		nhs  bool
	}{
		{"Dr 943.476.5919", 1, true},
		{"Ward 943/476/5919", 1, true},
		{"Ward 943_476_5919", 1, true},
		{"typo 943.476.5919", 1, true},
		{"seen 3/12/2026", 0, false},
		{"Ward 7.5 bay 2", 0, false},
	} {
		runs := PatientNumberRuns(c.text)
		if len(runs) != c.runs || c.runs > 0 && runs[0].NHS != c.nhs {
			t.Errorf("%q: runs %+v, want %d run(s), NHS %v", c.text, runs, c.runs, c.nhs)
		}
		if c.runs > 0 && HoldsPatientID(c.text, nhs) != c.nhs {
			t.Errorf("%q: holds the patient's NHS number %v, want %v", c.text, !c.nhs, c.nhs)
		}
	}
}
