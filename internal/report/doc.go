// Package report writes Gapwise's PDF documents: the personal development
// plan, the joint appraisal and the team gap report. It is the only package that imports the PDF
// library, and it takes model values, never a database, so the app and the
// command line print the same document from the same figures.
//
// # Decisions
//
// Every page is A4 portrait with 15 mm margins, set in DejaVu Sans (embedded
// through package assets) so any name, dash or quote a person types prints
// as typed. Body text is 9.5 pt and tables 8.5 pt.
//
// Every page has a footer with "Page n of N" and a provenance line: the
// framework's name, version, licence and required attribution, the
// PROVISIONAL flag with the first sentence of the framework's provisional
// note (the whole note is on the cover), "Gapwise <version>" and the
// generation time as given in Meta.Generated (its own time zone: the
// caller chooses local or UTC).
//
// Colour never carries meaning alone: statuses are words, disagreements
// are a "≠ differs by N" marker in their own column, and radar charts draw
// the current level as a shaded area and the target as a dark dashed
// outline, with "now/target" numbers in every axis label, so a greyscale
// print reads the same.
//
// Output is deterministic: the same input (with Meta.Generated fixed) gives
// the same bytes. Creation and modification dates come from Meta.Generated,
// resource catalogues are sorted, and nothing random (no file /ID) is
// written. Streams are compressed with the standard library's zlib, so a Go
// release that changed compress/flate would change the bytes (not the
// content); the golden files are then rewritten with -update.
//
// The gaps table of a plan lists the items that have a rating or a target;
// items with neither are counted in a sentence instead of filling pages
// with empty rows. Radar charts follow the app's rule: one chart per
// outermost group, over the items with a target (or the rated items when
// there are no targets), split by chart.SplitRadar, and groups with fewer
// than chart.MinAxes such items are left to the table (chart.GapRadars, the
// one rule the app's gaps screen uses too).
//
// The team report follows gap.Display for what a workshop edition hides.
// Above maxHeatmapMembers members (an organisation, not a team) it counts
// members per level in the heatmap and leaves the member list to the
// spreadsheet export, in either edition, so it stays readable and its size
// does not grow with the members.
package report
