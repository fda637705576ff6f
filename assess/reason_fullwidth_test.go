package assess

import "testing"

// TestAReasonHoldingAnNHSNumberInFullWidthDigitsIsRefused: a void reason
// "pt ９９４５８０７３０７" (the patient's number in full-width digits) was
// kept, while the same number in ASCII digits was refused; a reason with
// nine such digits, no patient's number, is still taken.
func TestAReasonHoldingAnNHSNumberInFullWidthDigitsIsRefused(t *testing.T) {
	if err := CheckReason("pt ９９４５８０７３０７"); err == nil {
		t.Error("a reason holding an NHS number in full-width digits is taken")
	}
	if err := CheckReason("pt 9945807307"); err == nil {
		t.Error("a reason holding an NHS number in ASCII digits is taken")
	}
	if err := CheckReason("bed ９９４５８０７３０"); err != nil {
		t.Errorf("a reason with nine full-width digits is refused: %v", err)
	}
}
