package facts

import (
	"fmt"
	"maps"
)

// Names is a table of names numbered from 1, with 0 for the empty string:
// the numbers that encoded facts use for strings. Whoever stores facts keeps
// the table beside them; a table only ever grows, so a number once given
// keeps its name.
type Names struct {
	list  []string
	index map[string]uint32
}

// NewNames returns a table holding only the empty string.
func NewNames() *Names { return &Names{list: []string{""}, index: map[string]uint32{"": 0}} }

// Intern returns the number of s, adding it to the table if it is new.
func (n *Names) Intern(s string) uint32 {
	if i, ok := n.index[s]; ok {
		return i
	}
	n.list = append(n.list, s)
	i := uint32(len(n.list) - 1)
	n.index[s] = i
	return i
}

// Lookup returns the number of s, if it is in the table.
func (n *Names) Lookup(s string) (uint32, bool) {
	i, ok := n.index[s]
	return i, ok
}

// Add puts s in the table as number i, which must be the next number:
// this is how a stored table is read back in order.
func (n *Names) Add(i uint32, s string) error {
	if int64(i) != int64(len(n.list)) {
		return fmt.Errorf("%w: name %q numbered %d, expected %d", ErrEncoding, s, i, len(n.list))
	}
	if _, dup := n.index[s]; dup {
		return fmt.Errorf("%w: name %q numbered twice", ErrEncoding, s)
	}
	n.list = append(n.list, s)
	n.index[s] = i
	return nil
}

// Name is the string numbered i. It panics for a number not in the table,
// which View.Check rules out.
func (n *Names) Name(i uint32) string { return n.list[i] }

// Len is the number of names, counting the empty string.
func (n *Names) Len() int { return len(n.list) }

// Clone returns a copy that can grow without changing n.
func (n *Names) Clone() *Names {
	c := &Names{list: make([]string, len(n.list), len(n.list)+8), index: make(map[string]uint32, len(n.index)+8)}
	copy(c.list, n.list)
	maps.Copy(c.index, n.index)
	return c
}
