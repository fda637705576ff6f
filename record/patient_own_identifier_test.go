package record

import "testing"

// TestThePatientsOwnIdentifierIsFoundHoweverTyped: free text holds the
// patient's own identifier when it is typed in any case, with spaces or
// dashes inside, alone or among words, and is written "[withheld]" there
// and nowhere else: a longer number that begins or ends with it is
// another, and an identifier with no digit is not looked for.
func TestThePatientsOwnIdentifierIsFoundHoweverTyped(t *testing.T) {
	t.Parallel()
	local := PatientID{Kind: LocalID, Value: "RX12345"}
	nhs := PatientID{Kind: NHSNumber, Value: "9434765919"}
	for _, c := range []struct {
		p          PatientID
		text, want string
	}{
		{local, "RX12345", "[withheld]"},
		{local, "Tigrinya rx 12345", "Tigrinya [withheld]"},
		{local, "Ward Rx-12345 east", "Ward [withheld] east"},
		{local, "RX12345 on calls", "[withheld] on calls"},
		{local, "(RX12345), RX12345.", "([withheld]), [withheld]."},
		{local, "RX123456", "RX123456"},
		{local, "ARX12345", "ARX12345"},
		{local, "RX1234 clinic", "RX1234 clinic"},
		{local, "Ward 5", "Ward 5"},
		{local, "", ""},
		{nhs, "Kurdish CN 943 476 5919", "Kurdish CN [withheld]"},
		{nhs, "943-476-5919x", "943-476-5919x"},
		{PatientID{Kind: LocalID, Value: "ADA"}, "Ada", "Ada"},
	} {
		if got := WithoutPatientID(c.text, c.p); got != c.want {
			t.Errorf("%q of patient %s is written %q, want %q", c.text, c.p.Value, got, c.want)
		}
		if held := HoldsPatientID(c.text, c.p); held != (c.want != c.text) {
			t.Errorf("%q of patient %s: holds it %v", c.text, c.p.Value, held)
		}
	}
}
