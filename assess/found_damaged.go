package assess

// StoreFoundDamaged is what the patient's check (the front ends'
// CheckPatient) gives when its reading of the patient's entries, read
// whole, found the store damaged elsewhere: the store cannot save from
// then on, and is said so before the first question, as damage found at
// the start is, but not as damage to the patient's entries. Err is the
// store's refusal, with its reason.
type StoreFoundDamaged struct{ Err error }

func (e StoreFoundDamaged) Error() string { return e.Err.Error() }

// Unwrap is the store's refusal (errors.Is finds its kind).
func (e StoreFoundDamaged) Unwrap() error { return e.Err }
