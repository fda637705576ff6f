package record

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckNHSNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    string // the 10 digits, or "" when refused
		wantErr error
	}{
		{"9434765919", "9434765919", nil},
		{"943 476 5919", "9434765919", nil},
		{"943-476-5919", "9434765919", nil},
		{"4010232137", "4010232137", nil},
		{"4857773457", "4857773457", nil},
		{"9990000018", "9990000018", nil},
		{"9434765080", "9434765080", nil}, // remainder 0: check digit 11 becomes 0

		{"9434765918", "", ErrNHSCheckDigit}, // one off
		{"9434765910", "", ErrNHSCheckDigit},
		{"4934765919", "", ErrNHSCheckDigit}, // two digits swapped
		{"9434765030", "", ErrNHSCheckDigit}, // check digit computes to 10: never valid
		{"9434765039", "", ErrNHSCheckDigit},
		{"1234567890", "", ErrNHSCheckDigit},
		{"0000000000", "", ErrNHSRepeated}, // passes the check digit, never issued
		{"1111111111", "", ErrNHSRepeated},
		{"999 999 9999", "", ErrNHSRepeated},
		{"943476591", "", ErrNHSLength},   // 9 digits
		{"94347659190", "", ErrNHSLength}, // 11 digits
		{"", "", ErrNHSLength},
		{"943476591A", "", ErrNHSLength},
		{"NHS9434765919", "", ErrNHSLength},
		{"943.476.5919", "", ErrNHSLength},
		{"９４３４７６５９１９", "", ErrNHSLength}, // full-width digits
		{"943_476_5919", "", ErrNHSLength},
	}
	for _, tt := range tests {
		got, err := CheckNHSNumber(tt.in)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("CheckNHSNumber(%q) = %q, %v; want %v", tt.in, got, err, tt.wantErr)
			}
			if got != "" {
				t.Errorf("CheckNHSNumber(%q) returned %q with an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("CheckNHSNumber(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNewPatientID(t *testing.T) {
	tests := []struct {
		kind, in string
		want     PatientID
		wantErr  error // nil for valid; errAny for an error of no named kind
	}{
		{NHSNumber, "9434765919", PatientID{NHSNumber, "9434765919"}, nil},
		{NHSNumber, " 943 476 5919 ", PatientID{NHSNumber, "9434765919"}, nil},
		{NHSNumber, "943-476-5919", PatientID{NHSNumber, "9434765919"}, nil},
		{NHSNumber, "9434765918", PatientID{}, ErrNHSCheckDigit},
		{NHSNumber, "RXH12345", PatientID{}, ErrNHSLength},
		{NHSNumber, "", PatientID{}, ErrEmptyID},
		{NHSNumber, "   ", PatientID{}, ErrEmptyID},

		{LocalID, "RXH12345", PatientID{LocalID, "RXH12345"}, nil},
		{LocalID, "rxh-12345", PatientID{LocalID, "RXH-12345"}, nil},
		{LocalID, " K123 ", PatientID{LocalID, "K123"}, nil},
		{LocalID, "123456789", PatientID{LocalID, "123456789"}, nil},
		{LocalID, "1234567890", PatientID{}, ErrLocalLooksNHS}, // could be a mistyped NHS number
		{LocalID, "943-476-5918", PatientID{}, ErrLocalLooksNHS},
		{LocalID, "12345678901", PatientID{LocalID, "12345678901"}, nil},
		{LocalID, strings.Repeat("A", 20), PatientID{LocalID, strings.Repeat("A", 20)}, nil},
		{LocalID, strings.Repeat("A", 21), PatientID{}, ErrLocalID},
		{LocalID, "RXH 12345", PatientID{}, ErrLocalID},
		{LocalID, "RXH/12345", PatientID{}, ErrLocalID},
		{LocalID, "RXH12345é", PatientID{}, ErrLocalID},
		{LocalID, "", PatientID{}, ErrEmptyID},

		{"passport", "123", PatientID{}, errAny},
	}
	for _, tt := range tests {
		got, err := NewPatientID(tt.kind, tt.in)
		switch {
		case tt.wantErr == nil:
			if err != nil || got != tt.want {
				t.Errorf("NewPatientID(%s, %q) = %+v, %v; want %+v", tt.kind, tt.in, got, err, tt.want)
			}
		case tt.wantErr == errAny:
			if err == nil {
				t.Errorf("NewPatientID(%s, %q) = %+v, want an error", tt.kind, tt.in, got)
			}
		default:
			if !errors.Is(err, tt.wantErr) || got != (PatientID{}) {
				t.Errorf("NewPatientID(%s, %q) = %+v, %v; want %v", tt.kind, tt.in, got, err, tt.wantErr)
			}
		}
	}
}

var errAny = errors.New("any error")

// TestParsePatientIDDetectsTheKind: ten digits that pass the check are an
// NHS number; ten digits that fail it are refused (a mistyped NHS number
// must not be saved as a local one); anything else is a local number.
func TestParsePatientIDDetectsTheKind(t *testing.T) {
	tests := []struct {
		in      string
		want    PatientID
		wantErr error
	}{
		{"9434765919", PatientID{NHSNumber, "9434765919"}, nil},
		{"943 476 5919", PatientID{NHSNumber, "9434765919"}, nil},
		{"943-476-5919", PatientID{NHSNumber, "9434765919"}, nil},
		{"9434765918", PatientID{}, ErrNHSCheckDigit},
		{"943 476 5918", PatientID{}, ErrNHSCheckDigit},
		{"RXH12345", PatientID{LocalID, "RXH12345"}, nil},
		{"k-0042", PatientID{LocalID, "K-0042"}, nil},
		{"12345", PatientID{LocalID, "12345"}, nil},
		{"94347659190", PatientID{LocalID, "94347659190"}, nil},
		{"", PatientID{}, ErrEmptyID},
		{"RXH 12345", PatientID{}, ErrLocalID},
	}
	for _, tt := range tests {
		got, err := ParsePatientID(tt.in)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("ParsePatientID(%q) = %+v, %v; want %v", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePatientID(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestPatientIDString(t *testing.T) {
	tests := []struct {
		id   PatientID
		want string
	}{
		{PatientID{NHSNumber, "9434765919"}, "943 476 5919"},
		{PatientID{LocalID, "RXH12345"}, "RXH12345"},
		{PatientID{LocalID, "1234567890"}, "1234567890"},
		{PatientID{NHSNumber, "123"}, "123"},
		{PatientID{}, ""},
	}
	for _, tt := range tests {
		if got := tt.id.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestPatientIDStringParsesBack: the printed form of an identifier reads
// back as the same identifier.
func TestPatientIDStringParsesBack(t *testing.T) {
	for _, s := range []string{"9434765919", "4010232137", "RXH12345", "K-0042"} {
		id, err := ParsePatientID(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParsePatientID(id.String())
		if err != nil || back != id {
			t.Errorf("%q: %q parses back as %+v, %v; want %+v", s, id.String(), back, err, id)
		}
	}
}

func validCheckDigit(d string) bool {
	sum := 0
	for i := range 9 {
		sum += int(d[i]-'0') * (10 - i)
	}
	c := (11 - sum%11) % 11
	return c != 10 && c == int(d[9]-'0')
}

func FuzzCheckNHSNumber(f *testing.F) {
	for _, s := range []string{"9434765919", "943 476 5919", "943-476-5919", "9434765918", "9434765030",
		"943476591", "94347659190", "", "abc", "９４３４７６５９１９", "-9-4-3-4-7-6-5-9-1-9-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := CheckNHSNumber(s)
		if err != nil {
			if got != "" {
				t.Fatalf("CheckNHSNumber(%q) = %q with error %v", s, got, err)
			}
			if !errors.Is(err, ErrNHSLength) && !errors.Is(err, ErrNHSCheckDigit) && !errors.Is(err, ErrNHSRepeated) {
				t.Fatalf("CheckNHSNumber(%q): unnamed error %v", s, err)
			}
			return
		}
		if len(got) != 10 || strings.Trim(got, "0123456789") != "" {
			t.Fatalf("CheckNHSNumber(%q) = %q, not 10 digits", s, got)
		}
		if !validCheckDigit(got) {
			t.Fatalf("CheckNHSNumber(%q) = %q, which fails the check digit", s, got)
		}
		if strings.Trim(s, "0123456789 -") != "" {
			t.Fatalf("CheckNHSNumber(%q) accepted characters other than digits, spaces and dashes", s)
		}
		if digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s); digits != got {
			t.Fatalf("CheckNHSNumber(%q) = %q, not the digits given (%q)", s, got, digits)
		}
		again, err := CheckNHSNumber(got)
		if err != nil || again != got {
			t.Fatalf("CheckNHSNumber(%q) = %q, %v; not idempotent", got, again, err)
		}
	})
}
