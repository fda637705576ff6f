package store

// A probe names a kind of work the store does, which its tests hold to a
// bound: a save that reads no more pages than it needs, a check that
// reads each block once. The product counts none of it.
type probe uint8

const (
	indexChecks         probe = iota // patient index entries read against their records
	indexScans                       // reads of the whole patient index (outOfPlace)
	indexHeads                       // records whose head headPatient unpacked
	skimParts                        // parts of the records' tree skimmed at once
	skimReads                        // file reads of the skim for pages' first bytes
	recordPageBytes                  // bytes of records' pages the skim and the check read
	mappedRecordReads                // records eachStored read through bbolt's map
	headReads                        // records whose head keyProblem unpacked
	packs                            // records packed (encodeRecord)
	freeWalks                        // walks of the free list (freeListWhy)
	filedCommittedSeals              // free lists a commit's seal read from the file
	blockReads                       // blocks of facts read, checksum worked out
	mappedBlockReads                 // of those, read through bbolt's map
	fileLastBlocks                   // look-ups of the last block read from the file
	lastBlockPages                   // pages those look-ups read
	mappedLastBlocks                 // look-ups of the last block through bbolt's map
	probes
)

// probed, when set (by this package's tests, before any call), is told
// of n units of work of a probe's kind as they are done. It is nil in the
// product, where a probe costs the test for nil.
var probed func(p probe, n int64)

// Add tells probed of n units of p's work.
func (p probe) Add(n int64) {
	if probed != nil {
		probed(p, n)
	}
}
