// Package exchange reads and writes the files Gapwise swaps with the outside
// world. Everything here treats its input as untrusted: it is validated whole,
// every problem is reported with the line it is on, and nothing panics.
//
// The assessment exchange file (".gapwise.json", docs/exchange-format.md)
// carries one person's assessment against one framework version, so that
// people can rate offline and send the result to their CCIO or appraiser.
package exchange

import (
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// The assessment file's identity.
const (
	Format        = "gapwise.assessment" // value of the "format" field
	FormatVersion = 1                    // the only "format_version" this build reads and writes
	Extension     = ".gapwise.json"      // file name extension
)

// Limits of the assessment file. They are generous for real use and keep a
// hostile or mistaken file (a database dump, a video) from using much memory.
const (
	MaxFileSize    = 10 << 20 // bytes
	MaxTextLen     = 200      // characters in a name, role, organisation, assessor, generator or target source
	MaxEvidenceLen = 10_000   // characters of evidence per rating
	MaxProblems    = 100      // problems listed in a DecodeError; the rest are counted in More
)

// File is one validated assessment file.
//
// Ratings and Targets are in the framework's item order. A rating's absence
// means "not rated"; a rating with Level 0 means "none yet". Person.CreatedAt
// and Person.Sample are not part of the file and are left zero.
type File struct {
	Person     model.Person
	Assessment model.Assessment
	Ratings    []model.Rating
	Targets    []model.Target
	// Generator names the program that wrote the file ("Gapwise 0.1.0").
	// It is informational: Decode keeps it, Encode writes it when set.
	Generator string
}

// Resolver finds a framework version known to this installation (the
// workspace passes one backed by the database). It returns false for a
// version that is not installed.
type Resolver func(ref model.FrameworkRef) (*model.Framework, bool)

// Problem is one thing wrong with a file. Line is 1-based; 0 means the
// problem belongs to the whole file (its size, say) rather than a line.
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line <= 0 {
		return p.Msg
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
}

// DecodeError lists everything wrong with a file, ordered by line. Decode
// returns it wrapped in a *model.Error of kind model.BadFile; find it with
// errors.As to show the whole list.
type DecodeError struct {
	Problems []Problem // at most MaxProblems
	More     int       // further problems found but not listed
}

// errorListed is how many problems Error puts on its one line.
const errorListed = 5

// Error joins the first few problems on one line and counts the rest.
func (e *DecodeError) Error() string {
	if len(e.Problems) == 0 {
		return "the assessment file is not valid"
	}
	var b strings.Builder
	n := min(len(e.Problems), errorListed)
	for i, p := range e.Problems[:n] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	if rest := len(e.Problems) - n + e.More; rest == 1 {
		b.WriteString("; and 1 more problem")
	} else if rest > 1 {
		fmt.Fprintf(&b, "; and %d more problems", rest)
	}
	return b.String()
}
