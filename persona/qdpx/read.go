package qdpx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// Archive limits, checked on the sizes the archive declares and again
// while reading.
const (
	maxEntries = 10000
	maxEntry   = 100 << 20
	maxTotal   = 300 << 20
)

// Is reports whether data looks like a REFI-QDA file: a zip holding a
// .qde, or XML whose root is a QDA-XML Project or CodeBook.
func Is(data []byte) bool {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		return err == nil && qdeEntry(zr) != nil
	}
	head := data[:min(len(data), 2048)]
	return bytes.Contains(head, []byte("urn:QDA-XML:"))
}

func qdeEntry(zr *zip.Reader) *zip.File {
	for _, f := range zr.File {
		if !strings.Contains(f.Name, "/") && strings.EqualFold(path.Ext(f.Name), ".qde") {
			return f
		}
	}
	return nil
}

// Read parses a .qdpx archive, a bare project.qde or a .qdc codebook. It
// checks what the schema requires (GUIDs on every element, names, code
// references that resolve, selections inside their source) and returns an
// error wrapping ErrInvalid when the file breaks it.
func Read(data []byte) (*Project, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readArchive(data)
	}
	return readXML(data, nil)
}

func readArchive(data []byte) (*Project, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable .qdpx archive: %v", ErrInvalid, err)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("%w: the archive has %d entries, over the limit of %d", ErrInvalid, len(zr.File), maxEntries)
	}
	var total uint64
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > maxEntry || total > maxTotal {
			return nil, fmt.Errorf("%w: archive entry %q is too large uncompressed", ErrInvalid, f.Name)
		}
		files[strings.ToLower(f.Name)] = f
	}
	qde := qdeEntry(zr)
	if qde == nil {
		return nil, fmt.Errorf("%w: the archive holds no project.qde", ErrInvalid)
	}
	xmlData, err := readEntry(qde)
	if err != nil {
		return nil, err
	}
	return readXML(xmlData, func(p string) (string, error) {
		f := files[strings.ToLower("sources/"+p)]
		if f == nil {
			return "", fmt.Errorf("%w: source file sources/%s is missing from the archive", ErrInvalid, p)
		}
		b, err := readEntry(f)
		if err != nil {
			return "", err
		}
		return decodeText(b, "sources/"+p)
	})
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: cannot open %s: %v", ErrInvalid, f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
	if err != nil {
		return nil, fmt.Errorf("%w: cannot read %s: %v", ErrInvalid, f.Name, err)
	}
	if len(b) > maxEntry {
		return nil, fmt.Errorf("%w: %s is larger than it declares", ErrInvalid, f.Name)
	}
	return b, nil
}

// decodeText reads a source's plain text: UTF-8, with or without a BOM.
func decodeText(b []byte, name string) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(b) {
		return "", fmt.Errorf("%w: %s is not UTF-8 text", ErrInvalid, name)
	}
	return string(b), nil
}

// readXML parses a Project or CodeBook document; source reads an
// internal:// source path (nil outside an archive).
func readXML(data []byte, source func(string) (string, error)) (*Project, error) {
	root, err := rootName(data)
	if err != nil {
		return nil, err
	}
	switch root {
	case "CodeBook":
		var cb xCodeBook
		if err := xml.Unmarshal(data, &cb); err != nil {
			return nil, fmt.Errorf("%w: codebook XML: %v", ErrInvalid, err)
		}
		v := newValidator()
		p := &Project{Origin: cb.Origin}
		if cb.Codes == nil || len(cb.Codes.Code) == 0 {
			return nil, fmt.Errorf("%w: the codebook has no codes", ErrInvalid)
		}
		p.Codes = v.codes(cb.Codes.Code, "")
		return p, v.err()
	case "Project":
		var x xProject
		if err := xml.Unmarshal(data, &x); err != nil {
			return nil, fmt.Errorf("%w: project XML: %v", ErrInvalid, err)
		}
		return fromXML(x, source)
	}
	return nil, fmt.Errorf("%w: the root element is <%s>, not a REFI-QDA <Project> or <CodeBook>", ErrInvalid, root)
}

func rootName(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", fmt.Errorf("%w: no XML element found", ErrInvalid)
			}
			return "", fmt.Errorf("%w: not XML: %v", ErrInvalid, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}
