package frameworks

import "gapwise/internal/model"

//go:generate go test -run TestCompiledPacksUpToDate -update

// BuiltInCompiled returns the framework of the built-in pack whose JSON has
// the hex SHA-256 sum, decoded from the compiled form made with the packs
// and built into the program (compiledpacks.go), so a command need not read
// the database's copy of it: for DDaT that was 400 KB read page by page,
// copied and checksummed on every command, a sixth of `gaps` (issue 12).
// The strings of the result are slices of the program's own data. ok is
// false for any other checksum (an imported framework, or a pack as another
// build of Gapwise carried it), and the caller reads the database's copy.
func BuiltInCompiled(sum string) (f *model.Framework, ok bool) {
	for name, s := range packChecksums {
		if s != sum {
			continue
		}
		data, has := compiledPacks[name]
		if !has {
			return nil, false
		}
		f, err := decompileBuiltIn(data)
		return f, err == nil
	}
	return nil, false
}

// decompileBuiltIn is Decompile for a compiled form that is part of the
// program: no copy, and its checksum is checked by TestCompiledPacksUpToDate
// rather than on every run.
func decompileBuiltIn(data string) (*model.Framework, error) {
	const head = len(compiledMagic) + 1
	if len(data) < head+4 || data[:len(compiledMagic)] != compiledMagic || data[len(compiledMagic)] != CompiledVersion {
		return nil, errCompiled
	}
	return decompile(data[head : len(data)-4])
}
