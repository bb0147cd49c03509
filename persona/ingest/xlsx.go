package ingest

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Unzip limits for workbooks: a sheet's XML over xlsxXMLLimit is spooled
// to a temporary file, a workbook over xlsxUnzipLimit is refused.
const (
	xlsxUnzipLimit = 64 << 20
	xlsxXMLLimit   = 16 << 20
)

// parseXLSX reads the first non-empty sheet of a workbook as a survey
// export, with the same layouts and column classification as CSV.
func parseXLSX(name string, data []byte) (*Document, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxXMLLimit,
	})
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot open the workbook", Err: err}
	}
	defer f.Close()
	sheet, rows, err := firstSheet(name, f)
	if err != nil {
		return nil, err
	}
	doc := &Document{Format: FormatXLSX}
	if err := surveyDocument(name, sheetRecords(rows), doc); err != nil {
		var pe *Error
		if errors.As(err, &pe) {
			pe.Msg = fmt.Sprintf("sheet %q: %s", sheet, pe.Msg)
		}
		return nil, err
	}
	return doc, nil
}

// firstSheet returns the name and rows of the first sheet with a cell.
func firstSheet(name string, f *excelize.File) (string, [][]string, error) {
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return "", nil, &Error{File: name, Msg: fmt.Sprintf("cannot read sheet %q", sheet), Err: err}
		}
		if len(dropBlankRecords(sheetRecords(rows))) > 0 {
			return sheet, rows, nil
		}
	}
	return "", nil, errorf(name, 0, "every sheet of the workbook is empty")
}

// sheetRecords numbers rows from 1 (GetRows keeps blank rows as empty
// slices) and pads them to the widest row, since trailing blank cells are
// left out.
func sheetRecords(rows [][]string) []surveyRecord {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	recs := make([]surveyRecord, len(rows))
	for i, r := range rows {
		cells := make([]string, width)
		copy(cells, r)
		recs[i] = surveyRecord{line: i + 1, cells: cells}
	}
	return recs
}
