package facts

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sync"

	"digicheck/questionnaire"
)

// Table is one instrument version's answer codes as facts store them: its
// choice and multi-choice items in the order the instrument asks them, each
// with its option codes in the order the instrument lists them. It is made
// from the instrument's data, so a new version needs no code here. A stored
// number means a code only through its version's table, so each version's
// table is frozen once records of it exist: a test per version pins it
// (TestV1CodesNeverMove), and a version whose codes must change is a new
// version.
//
// The answers of a record are stored as an area of the table's layout:
// every multi-choice item's options as bits over its codes (two bytes
// each), then every single-choice item's code as its number plus one (one
// byte each, 0 unanswered). The interpreter language and the postcode
// district, free text, are kept in the header instead; other free-text
// items are not kept.
type Table struct {
	version string
	items   []TableItem
	byLink  map[string]int
	text    map[string]bool // the free-text items, whose answers are not kept
	off     []int           // each item's offset in the answers area
	area    int             // the answers area's length in bytes
	// The limits of the answers area byte by byte, for the check a
	// summary makes of every row (CheckAnswers): the multi-choice
	// answers' bytes come first, each with the bits its item's codes may
	// set (allowed), then the single-choice answers', each with the
	// highest number its item may hold (most).
	allowed []byte
	most    []byte
}

// TableItem is a question whose answer facts hold as option codes.
type TableItem struct {
	LinkID string
	Multi  bool
	Codes  []string
}

// MaxItems bounds the items a table holds, and so a Fact's answers.
const MaxItems = 48

var tables sync.Map // *questionnaire.Instrument -> *Table or error

// TableFor returns the answer-code table of ins, made once per instrument.
// It fails for an instrument whose answers facts cannot hold: more than
// MaxItems questions, a multi-choice question of more than 16 options or a
// single-choice one of more than 255.
func TableFor(ins *questionnaire.Instrument) (*Table, error) {
	if ins == nil {
		return nil, fmt.Errorf("%w: no instrument", ErrRecord)
	}
	if v, ok := tables.Load(ins); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*Table), nil
	}
	t, err := newTable(ins)
	if err != nil {
		tables.Store(ins, err)
		return nil, err
	}
	v, _ := tables.LoadOrStore(ins, t)
	return v.(*Table), nil
}

func newTable(ins *questionnaire.Instrument) (*Table, error) {
	t := &Table{version: ins.Version, byLink: map[string]int{}, text: map[string]bool{}}
	for _, it := range ins.Items() {
		if it.Type == questionnaire.Text {
			t.text[it.LinkID] = true
			continue
		}
		ti := TableItem{LinkID: it.LinkID, Multi: it.Type == questionnaire.MultiChoice}
		for _, o := range it.Options {
			ti.Codes = append(ti.Codes, o.Code)
		}
		if limit := map[bool]int{true: 16, false: 255}[ti.Multi]; len(ti.Codes) > limit {
			return nil, fmt.Errorf("%w: instrument %s: %s has %d options; facts hold at most %d", ErrRecord, ins.Version, it.LinkID, len(ti.Codes), limit)
		}
		t.byLink[it.LinkID] = len(t.items)
		t.items = append(t.items, ti)
	}
	if len(t.items) > MaxItems {
		return nil, fmt.Errorf("%w: instrument %s has %d questions; facts hold at most %d", ErrRecord, ins.Version, len(t.items), MaxItems)
	}
	// Stored order: the multi-choice items, two bytes each, then the
	// single-choice ones, one byte each; the table lists them in the
	// order asked.
	t.off = make([]int, len(t.items))
	for _, multi := range [...]bool{true, false} {
		for i, ti := range t.items {
			if ti.Multi == multi {
				t.off[i] = t.area
				t.area += map[bool]int{true: 2, false: 1}[multi]
				if multi {
					bits := uint16(1<<len(ti.Codes) - 1)
					t.allowed = append(t.allowed, byte(bits), byte(bits>>8))
				} else {
					t.most = append(t.most, byte(len(ti.Codes)))
				}
			}
		}
	}
	return t, nil
}

// Item is the i'th item, in the order asked. The caller must not change
// its codes.
func (t *Table) Item(i int) TableItem { return t.items[i] }

// Index finds the item of a linkId.
func (t *Table) Index(linkID string) (int, bool) {
	i, ok := t.byLink[linkID]
	return i, ok
}

// Area is the answers area of v, which must be of this table's version
// and checked (View.Check, then CheckAnswers): the i'th item's answer is
// at Offset(i), two bytes of bits over its codes for a multi-choice item,
// one byte of its code's number plus one (0 unanswered) for a
// single-choice one.
func (t *Table) Area(v View) []byte {
	if v[offFormat] == formatV1 {
		return v[offMulti : offMulti+v1Area]
	}
	return v[len(v)-t.area:]
}

// Offset is where the i'th item's answer is in the answers area.
func (t *Table) Offset(i int) int { return t.off[i] }

// Mask is the i'th item's answer in v as bits over its codes: any number
// for a multi-choice item, at most one for a single-choice one.
func (t *Table) Mask(v View, i int) uint32 {
	a := t.Area(v)
	if t.items[i].Multi {
		return uint32(binary.LittleEndian.Uint16(a[t.off[i]:]))
	}
	return 1 << a[t.off[i]] >> 1 // 0 stays 0; n sets bit n-1
}

// AppendCodes appends the codes of mask, the i'th item's answer as Mask
// gives it, in stored order and joined by sep, to dst.
func (t *Table) AppendCodes(dst []byte, i int, mask uint32, sep byte) []byte {
	codes := t.items[i].Codes
	for first := true; mask != 0; mask &= mask - 1 {
		if !first {
			dst = append(dst, sep)
		}
		first = false
		dst = append(dst, codes[bits.TrailingZeros32(mask)]...)
	}
	return dst
}

// CheckAnswers reports whether v, checked by View.Check, holds answers of
// this table: the area's length is the table's, and every stored code is
// one of its item's. A row of format 1 is of instrument version 1, whose
// answers Check has already checked.
func (t *Table) CheckAnswers(v View) error {
	if v[offFormat] == formatV1 {
		if t.area != v1Area {
			return decodeError("a row of instrument version 1 read with the table of version %s", t.version)
		}
		return nil
	}
	if int(v[offArea]) != t.area {
		return decodeError("answers of %d bytes; instrument %s's are %d", v[offArea], t.version, t.area)
	}
	if t.answersWellFormed(t.Area(v)) {
		return nil
	}
	return t.diagnoseAnswers(v)
}

// answersWellFormed reports whether every stored code of the answers area
// a is one of its item's: a run of comparisons, byte by byte, that a
// summary makes for every row. Only an area that fails is looked at item
// by item (diagnoseAnswers), to say why.
func (t *Table) answersWellFormed(a []byte) bool {
	if len(a) != len(t.allowed)+len(t.most) {
		return false
	}
	multi, single := a[:len(t.allowed)], a[len(t.allowed):]
	var over byte
	for i, m := range t.allowed {
		over |= multi[i] &^ m
	}
	single = single[:len(t.most)]
	for i, most := range t.most {
		if single[i] > most {
			over = 1
		}
	}
	return over == 0
}

// diagnoseAnswers says which answer of v, whose area is the table's
// length, holds a code not its item's; nil exactly when
// answersWellFormed is true.
func (t *Table) diagnoseAnswers(v View) error {
	a := t.Area(v)
	for i, it := range t.items {
		if it.Multi {
			if m := binary.LittleEndian.Uint16(a[t.off[i]:]); m>>len(it.Codes) != 0 {
				return decodeError("%s answer %#x", it.LinkID, m)
			}
		} else if int(a[t.off[i]]) > len(it.Codes) {
			return decodeError("%s answer %d", it.LinkID, a[t.off[i]])
		}
	}
	return nil
}

// v1Table is instrument version 1's table, whose rows are stored in
// format 1 with their answers in the header.
var v1Table = func() *Table {
	t, err := TableFor(questionnaire.V1)
	if err != nil {
		panic(err)
	}
	if t.area != v1Area {
		panic("facts: instrument version 1's answers no longer fit format 1")
	}
	return t
}()

// Len is the number of items the table holds.
func (t *Table) Len() int { return len(t.items) }
